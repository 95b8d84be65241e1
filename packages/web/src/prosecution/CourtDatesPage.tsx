import { Alert, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { useCourtDates } from './api';
import { DataTable } from '../app/DataTable';
import { BadgeList } from './CaseTable';

/** The social worker's court calendar: hearings where her organisation's children testify, by pseudonym. */
export default function CourtDatesPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const dates = useCourtDates();
  return (
    <Page title={t('courtDates.title')} description={t('courtDates.intro')}>
      {dates.isError ? <Alert color="red">{errorText(t, dates.error)}</Alert> : null}
      {dates.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {dates.data ? (
        <DataTable
          rows={dates.data}
          rowKey={(d) => d.id}
          none={t('courtDates.none')}
          caption={t('courtDates.caption')}
          minWidth={640}
          columns={[
            { label: t('courtDates.when'), cell: (d) => format.dateTimeShort(d.at) },
            { label: t('courtDates.child'), cell: (d) => d.code, monospace: true },
            { label: t('courtDates.court'), cell: (d) => d.court },
            { label: t('courtDates.purpose'), cell: (d) => d.purpose },
            {
              label: t('courtDates.accommodations'),
              cell: (d) => (
                <BadgeList labels={d.accommodations.map((p) => t(`prosecution.protections.${p}`))} />
              ),
            },
          ]}
        />
      ) : null}
    </Page>
  );
}
