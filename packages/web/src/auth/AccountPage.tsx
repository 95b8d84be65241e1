import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../app/Page';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ENROLMENT_PATH, useMe } from './session';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" className="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {value}
      </Text>
    </div>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const { user, mfa } = useMe();
  const id = useId();
  const ids = { profile: `${id}-profile`, mfa: `${id}-mfa`, password: `${id}-password` };
  return (
    <Page title={t('account.title')}>
      <Paper withBorder p="lg" component="section" aria-labelledby={ids.profile}>
        <Title order={2} fz="h4" mb="md" id={ids.profile}>
          {t('account.profile')}
        </Title>
        <dl className="facts">
          <Fact label={t('account.name')} value={user.displayName} />
          <Fact label={t('account.email')} value={user.email} />
          <Fact label={t('account.role')} value={t(`roles.${user.role}`)} />
          <Fact
            label={t('account.organisation')}
            value={`${user.organisation.name} (${user.organisation.code})`}
          />
          <Fact label={t('account.unit')} value={user.unit?.name ?? t('common.none')} />
        </dl>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby={ids.mfa}>
        <Group gap="sm" mb="sm">
          <Title order={2} fz="h4" id={ids.mfa}>
            {t('account.mfa')}
          </Title>
          <Badge color={mfa.enabled ? 'teal' : 'gray'} variant="dot">
            {mfa.enabled ? t('account.mfaOn') : t('account.mfaOff')}
          </Badge>
        </Group>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{mfa.enabled ? t('account.mfaOnHelp') : t('account.mfaOffHelp')}</Text>
          {mfa.enabled ? null : (
            <Button component={Link} to={ENROLMENT_PATH}>
              {t('account.mfaSetUp')}
            </Button>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby={ids.password}>
        <Title order={2} fz="h4" mb="md" id={ids.password}>
          {t('account.password')}
        </Title>
        <ChangePasswordForm email={user.email} />
      </Paper>
    </Page>
  );
}
