import { Alert, Anchor, Badge, Button, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { AftercareNav } from './AftercareNav';
import { AFTERCARE_PATH, survivorPath, useSurvivors } from './api';
import { RescueIntakes } from './RescueIntakes';
import { TaskTable } from './TaskTable';

const RISK_COLOURS = { low: 'teal', medium: 'yellow', high: 'red' } as const;

/** The survivors the user works with, what is due on them, and the way to a new intake. */
export function SurvivorsPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const survivors = useSurvivors();
  return (
    <Page
      title={t('aftercare.title')}
      description={t('aftercare.intro')}
      actions={
        <Button
          component={Link}
          to={`${AFTERCARE_PATH}/new`}
          leftSection={<IconPlus size={16} aria-hidden />}
        >
          {t('aftercare.newIntake')}
        </Button>
      }
    >
      <AftercareNav />
      {survivors.isError ? <Alert color="red">{errorText(t, survivors.error)}</Alert> : null}
      {survivors.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {survivors.data ? (
        <Stack gap="lg">
          <RescueIntakes />
          <section aria-labelledby="aftercare-tasks">
            <Text component="h2" fw={650} fz="h4" id="aftercare-tasks" mb="xs">
              {t('aftercare.tasks.title')}
            </Text>
            <TaskTable tasks={survivors.data.tasks} withCode />
          </section>
          <section aria-labelledby="aftercare-survivors">
            <Text component="h2" fw={650} fz="h4" id="aftercare-survivors" mb="xs">
              {t('aftercare.survivors.title')}
            </Text>
            {survivors.data.survivors.length === 0 ? (
              <Text className="dimmed">{t('aftercare.survivors.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover fz="sm" verticalSpacing="xs">
                  <Table.Caption>
                    <VisuallyHidden>{t('aftercare.survivors.caption')}</VisuallyHidden>
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('aftercare.fields.code')}</Table.Th>
                      <Table.Th>{t('aftercare.fields.sex')}</Table.Th>
                      <Table.Th>{t('aftercare.fields.ageBand')}</Table.Th>
                      <Table.Th>{t('aftercare.fields.riskLevel')}</Table.Th>
                      <Table.Th>{t('aftercare.fields.status')}</Table.Th>
                      <Table.Th>{t('aftercare.fields.placement')}</Table.Th>
                      <Table.Th>{t('aftercare.fields.intakeAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {survivors.data.survivors.map((row) => (
                      <Table.Tr key={row.id}>
                        <Table.Td>
                          <Anchor component={Link} to={survivorPath(row.id)} ff="monospace" fw={600}>
                            {row.code}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{t(`aftercare.sexes.${row.sex}`)}</Table.Td>
                        <Table.Td>{t(`aftercare.ageBands.${row.ageBand}`)}</Table.Td>
                        <Table.Td>
                          <Badge color={RISK_COLOURS[row.riskLevel]} variant="light" radius="sm">
                            {t(`aftercare.riskLevels.${row.riskLevel}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{t(`aftercare.statuses.${row.status}`)}</Table.Td>
                        <Table.Td>{row.placement ?? t('common.none')}</Table.Td>
                        <Table.Td>{format.date(row.intakeAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>
        </Stack>
      ) : null}
    </Page>
  );
}
