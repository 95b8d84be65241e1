import { MfaConfirmInput } from '@bantay/core/auth/schema';
import {
  Alert,
  Button,
  Center,
  CopyButton,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconShieldCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorField, errorText, schemaErrors } from '../app/errors';
import { Page } from '../app/Page';
import { authApi, loadSession, SESSION_KEY } from './api';
import { groupSecret } from './secret';
import { ACCOUNT_PATH, useMe } from './session';
import { notify } from '../app/notify';

/**
 * TOTP set-up: scan the QR code (or type the secret), then prove it with one code. Forced
 * after sign-in when the platform requires two-step sign-in; otherwise reached from Account.
 */
export function MfaEnrolmentPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('mfa.title')} description={t('mfa.intro')}>
      {me.mfa.enrolmentRequired ? (
        <Alert color="indigo" title={t('mfa.requiredTitle')}>
          {t('mfa.required')}
        </Alert>
      ) : null}
      {me.mfa.enabled ? <AlreadyEnrolled /> : <Enrolment />}
    </Page>
  );
}

function AlreadyEnrolled() {
  const { t } = useTranslation();
  return (
    <Alert color="teal" icon={<IconShieldCheck aria-hidden />} title={t('mfa.enabledTitle')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('mfa.enabledHelp')}</Text>
        <Button component={Link} to={ACCOUNT_PATH} variant="default" size="xs">
          {t('mfa.backToAccount')}
        </Button>
      </Stack>
    </Alert>
  );
}

function Enrolment() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // A POST, but one per visit: a new secret replaces any unconfirmed one on the server.
  const enrolment = useQuery({
    queryKey: ['mfa-enrolment', me.user.id],
    queryFn: authApi.startMfaEnrolment,
    staleTime: Infinity,
    gcTime: 0,
  });

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const errors = schemaErrors(t, MfaConfirmInput.safeParse({ code }), { code: 'validation.totp' });
    setCodeError(errors.code);
    setFormError(null);
    if (errors.code) return;
    setSubmitting(true);
    try {
      await authApi.confirmMfa(code.trim());
      await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: 0 });
      notify.success({ title: t('mfa.doneTitle'), message: t('mfa.done') });
      await navigate(me.mfa.enrolmentRequired ? '/' : ACCOUNT_PATH, { replace: true });
    } catch (error) {
      setCode('');
      if (errorField(error, ['code'] as const)) setCodeError(errorText(t, error));
      else setFormError(errorText(t, error));
    } finally {
      setSubmitting(false);
    }
  };

  if (enrolment.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (enrolment.isError) {
    return (
      <Alert color="red" title={t('mfa.startFailed')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorText(t, enrolment.error)}</Text>
          <Button size="xs" variant="default" onClick={() => void enrolment.refetch()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  const { secret, qrCode } = enrolment.data;
  const grouped = groupSecret(secret);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Title order={2} fz="h4">
            {t('mfa.step1')}
          </Title>
          <Text size="sm">{t('mfa.apps')}</Text>
          <Title order={2} fz="h4">
            {t('mfa.step2')}
          </Title>
          <img src={qrCode} alt={t('mfa.qrAlt')} className="qr-code" width={200} height={200} />
          <Text size="sm">{t('mfa.manual')}</Text>
          <Text size="sm" fw={600}>
            {t('mfa.secretLabel')}
          </Text>
          <Group gap="sm" wrap="nowrap" align="center">
            <Text component="code" className="totp-secret" id="totp-secret">
              {grouped}
            </Text>
            <CopyButton value={secret} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant="default"
                  onClick={copy}
                  leftSection={
                    copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />
                  }
                >
                  {copied ? t('mfa.copied') : t('mfa.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <List size="sm" spacing={4}>
            <List.Item>{t('mfa.detailsType')}</List.Item>
            <List.Item>{t('mfa.detailsAccount', { email: me.user.email })}</List.Item>
          </List>
        </Stack>
      </Paper>
      <Paper withBorder p="lg">
        <form onSubmit={(event) => void confirm(event)} noValidate>
          <Stack gap="md">
            <Title order={2} fz="h4">
              {t('mfa.step3')}
            </Title>
            {formError ? <Alert color="red">{formError}</Alert> : null}
            <TextInput
              label={t('mfa.code')}
              description={t('mfa.codeHelp')}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={6}
              required
              value={code}
              error={codeError}
              onChange={(event) => setCode(event.currentTarget.value.replace(/\s/g, ''))}
            />
            <Button type="submit" loading={submitting}>
              {t('mfa.confirm')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </SimpleGrid>
  );
}
