import { LoginInput } from '@bantay/core/auth/schema';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconShieldHalfFilled } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { errorField, errorText, schemaErrors } from '../app/errors';
import { FullPageLoader } from '../app/guards';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { authApi, loadSession, SESSION_KEY } from './api';
import { ENROLMENT_PATH, safeNextPath, useSessionQuery } from './session';

type Step = 'credentials' | 'code';
type Field = 'email' | 'password' | 'totp';

/**
 * E-mail and password, then the 6-digit code when the account has two-step sign-in.
 * Works with the keyboard alone: focus starts in the first empty field, Enter submits.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [signedIn, setSignedIn] = useState(false);
  const next = safeNextPath(params.get('next'));
  const ended = params.get('ended') === '1';
  const signedOut = params.get('signedOut') === '1';

  useEffect(() => {
    document.title = t('app.documentTitle', { page: t('signIn.title') });
  }, [t]);

  if (session.isPending) return <FullPageLoader />;
  if (session.data?.me && !signedIn) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { email, password, ...(step === 'code' ? { totp } : {}) };
    const errors = schemaErrors(t, LoginInput.safeParse(input), {
      email: 'validation.email',
      password: 'validation.password',
      totp: 'validation.totp',
    });
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;

    setSubmitting(true);
    try {
      const { stage } = await authApi.login(input);
      setSignedIn(true);
      await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: 0 });
      await navigate(stage === 'mfa_enrolment' ? ENROLMENT_PATH : next, { replace: true });
    } catch (error) {
      if (isApiError(error) && error.code === 'mfa_required') {
        setStep('code');
        return;
      }
      if (step === 'code') setTotp('');
      const field = errorField(error, ['email', 'password', 'totp'] as const);
      if (field) setFieldErrors({ [field]: errorText(t, error) });
      else setFormError(errorText(t, error));
    } finally {
      setSubmitting(false);
    }
  };

  const backToCredentials = () => {
    setStep('credentials');
    setTotp('');
    setPassword('');
    setFormError(null);
    setFieldErrors({});
  };

  return (
    <Center className="full-height" p="md">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between">
          <Group gap={8}>
            <IconShieldHalfFilled size={30} aria-hidden className="brand-mark" />
            <Text fw={700} fz="xl">
              {t('app.name')}
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
        <Paper withBorder p="xl" radius="md" component="main">
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Stack gap="md">
              <Title order={1} fz="h2">
                {step === 'code' ? t('signIn.codeTitle') : t('signIn.title')}
              </Title>
              {ended && !formError ? (
                <Alert color="indigo" title={t('signIn.ended.title')}>
                  {t('signIn.ended.message')}
                </Alert>
              ) : null}
              {signedOut && !ended && !formError ? <Alert color="gray">{t('signIn.signedOut')}</Alert> : null}
              {formError ? (
                <Alert color="red" title={t('signIn.failed')}>
                  {formError}
                </Alert>
              ) : null}
              {step === 'credentials' ? (
                <>
                  <TextInput
                    label={t('signIn.email')}
                    type="email"
                    autoComplete="username"
                    autoFocus
                    required
                    value={email}
                    error={fieldErrors.email}
                    onChange={(event) => setEmail(event.currentTarget.value)}
                  />
                  <PasswordInput
                    label={t('signIn.password')}
                    autoComplete="current-password"
                    required
                    value={password}
                    error={fieldErrors.password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                    visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
                  />
                </>
              ) : (
                <>
                  <Text>{t('signIn.codeHelp', { email })}</Text>
                  <TextInput
                    label={t('signIn.code')}
                    autoComplete="one-time-code"
                    inputMode="numeric"
                    pattern="[0-9]*"
                    maxLength={6}
                    autoFocus
                    required
                    value={totp}
                    error={fieldErrors.totp}
                    onChange={(event) => setTotp(event.currentTarget.value.replace(/\s/g, ''))}
                  />
                </>
              )}
              <Button type="submit" loading={submitting} fullWidth>
                {step === 'code' ? t('signIn.verify') : t('signIn.submit')}
              </Button>
              {step === 'code' ? (
                <Anchor component="button" type="button" size="sm" onClick={backToCredentials}>
                  {t('signIn.back')}
                </Anchor>
              ) : (
                <Text size="sm" className="dimmed">
                  {t('signIn.forgotten')}
                </Text>
              )}
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
