import { REPORT_STATUSES, type ReportStatus } from '@bantay/core/triage/schema';
import { Alert, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../api/client';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { ScrollTable } from '../app/ScrollTable';
import { useMe } from '../auth/session';

const Referral = z.object({
  reference: z.string(),
  receivedAt: z.string(),
  status: z.string(),
  decidedAt: z.string().nullable(),
  heldBy: z.string().nullable(),
});

const isStatus = (value: string): value is ReportStatus =>
  (REPORT_STATUSES as readonly string[]).includes(value);

/** For a foreign liaison: what became of the referrals his agency sent, and nothing more. */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useDateFormat();
  const referrals = useQuery({
    queryKey: ['referrals', 'sent'],
    queryFn: () =>
      api
        .get('/api/referrals/sent', { parser: z.object({ referrals: z.array(Referral) }) })
        .then((body) => body.referrals),
  });
  return (
    <Page
      title={t('referrals.title')}
      description={t('referrals.intro', { organisation: me.user.organisation.name })}
    >
      {referrals.isError ? <Alert color="red">{errorText(t, referrals.error)}</Alert> : null}
      {referrals.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {referrals.data?.length === 0 ? <Text className="dimmed">{t('referrals.none')}</Text> : null}
      {referrals.data?.length ? (
        <ScrollTable minWidth={640} label={t('referrals.caption')}>
          <Table striped fz="sm" verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('referrals.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('referrals.reference')}</Table.Th>
                <Table.Th>{t('referrals.received')}</Table.Th>
                <Table.Th>{t('referrals.status')}</Table.Th>
                <Table.Th>{t('referrals.decided')}</Table.Th>
                <Table.Th>{t('referrals.heldBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {referrals.data.map((referral) => (
                <Table.Tr key={`${referral.reference}-${referral.receivedAt}`}>
                  <Table.Td ff="monospace">{referral.reference}</Table.Td>
                  <Table.Td>{format.dateTimeShort(referral.receivedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {isStatus(referral.status) ? t(`referralStatuses.${referral.status}`) : referral.status}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {referral.decidedAt ? format.dateTimeShort(referral.decidedAt) : t('referrals.notYet')}
                  </Table.Td>
                  <Table.Td>{referral.heldBy ?? t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </Page>
  );
}
