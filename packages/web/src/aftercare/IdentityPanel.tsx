import { Alert, Button, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { Fact } from '../app/Fact';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi } from './api';
import { useRevealed } from './RecordPanel';

/**
 * The child's identity, fetched only when asked for and forgotten when hidden: each showing
 * is one audited view. Never cached, never kept in the page after it is hidden.
 */
export function IdentityPanel({ survivorId, hasIdentity }: { survivorId: string; hasIdentity: boolean }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const revealed = useRevealed('identity', survivorId, () => aftercareApi.identity(survivorId));
  const identity = revealed.query;
  return (
    <Section id="survivor-identity" title={t('aftercare.identity.title')}>
      <Stack gap="sm">
        <Text size="sm" className="dimmed">
          {t('aftercare.identity.audited')}
        </Text>
        {!hasIdentity ? <Text size="sm">{t('aftercare.identity.none')}</Text> : null}
        {hasIdentity && !revealed.shown ? (
          <Button
            variant="light"
            className="fit-content"
            leftSection={<IconEye size={16} aria-hidden />}
            onClick={revealed.show}
          >
            {t('aftercare.identity.show')}
          </Button>
        ) : null}
        {revealed.shown ? (
          <>
            {identity.isPending ? <Loader aria-label={t('common.loading')} /> : null}
            {identity.isError ? <Alert color="red">{errorText(t, identity.error)}</Alert> : null}
            {identity.data?.identity ? (
              <Stack gap="xs">
                <dl className="facts facts-dense">
                  <Fact label={t('aftercare.identity.name')}>{identity.data.identity.name}</Fact>
                  <Fact label={t('aftercare.identity.birthDate')}>
                    {identity.data.identity.birthDate
                      ? format.date(identity.data.identity.birthDate)
                      : t('common.none')}
                  </Fact>
                  <Fact label={t('aftercare.identity.addresses')}>
                    {identity.data.identity.addresses.join('; ') || t('common.none')}
                  </Fact>
                </dl>
                {identity.data.identity.family.length ? (
                  <Table fz="sm" verticalSpacing={4} striped>
                    <Table.Caption>
                      <VisuallyHidden>{t('aftercare.identity.family')}</VisuallyHidden>
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('aftercare.identity.familyName')}</Table.Th>
                        <Table.Th>{t('aftercare.identity.relation')}</Table.Th>
                        <Table.Th>{t('aftercare.identity.guardian')}</Table.Th>
                        <Table.Th>{t('aftercare.identity.safeContact')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {identity.data.identity.family.map((member) => (
                        <Table.Tr key={`${member.name}-${member.relation}`}>
                          <Table.Td>{member.name}</Table.Td>
                          <Table.Td>{t(`aftercare.relations.${member.relation}`)}</Table.Td>
                          <Table.Td>{member.guardian ? t('aftercare.yes') : t('aftercare.no')}</Table.Td>
                          <Table.Td>{member.safeContact ? t('aftercare.yes') : t('aftercare.no')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : null}
              </Stack>
            ) : null}
            <Button
              variant="subtle"
              className="fit-content"
              leftSection={<IconEyeOff size={16} aria-hidden />}
              onClick={revealed.hide}
            >
              {t('aftercare.identity.hide')}
            </Button>
          </>
        ) : null}
      </Stack>
    </Section>
  );
}
