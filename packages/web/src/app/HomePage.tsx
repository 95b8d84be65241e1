import { Alert, Anchor, Card, Group, SimpleGrid, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ENROLMENT_PATH, useMe } from '../auth/session';
import { modulesFor } from './modules';
import { Page } from './Page';

function greetingKey(hour: number) {
  if (hour < 12) return 'home.greeting.morning' as const;
  if (hour < 18) return 'home.greeting.afternoon' as const;
  return 'home.greeting.evening' as const;
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const modules = modulesFor(me.permissions);
  const { user } = me;
  const where = user.unit
    ? t('home.roleAtUnit', {
        role: t(`roles.${user.role}`),
        organisation: user.organisation.name,
        unit: user.unit.name,
      })
    : t('home.roleAt', { role: t(`roles.${user.role}`), organisation: user.organisation.name });

  return (
    <Page title={t(greetingKey(new Date().getHours()), { name: user.displayName })} description={where}>
      {!me.mfa.enabled ? (
        <Alert color="indigo" icon={<IconShieldLock aria-hidden />} title={t('home.mfaReminder.title')}>
          <Text size="sm">{t('home.mfaReminder.body')}</Text>
          <Anchor component={Link} to={ENROLMENT_PATH} size="sm" fw={600}>
            {t('home.mfaReminder.action')}
          </Anchor>
        </Alert>
      ) : null}
      <section aria-labelledby="home-modules">
        <Title order={2} id="home-modules" fz="h4" mb="sm">
          {t('home.modules')}
        </Title>
        {modules.length === 0 ? (
          <Text className="dimmed">{t('home.noModules')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {modules.map((module) => (
              <Card key={module.id} component={Link} to={module.path} withBorder padding="lg">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size="lg" aria-hidden>
                    <module.icon size={20} />
                  </ThemeIcon>
                  <div>
                    <Text fw={600}>{t(module.title)}</Text>
                    <Text size="sm" className="dimmed">
                      {t(module.description)}
                    </Text>
                  </div>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </section>
    </Page>
  );
}
