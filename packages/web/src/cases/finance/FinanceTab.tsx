import type { FinanceFormat, FinanceImportSummary, RecipientSummary } from '@bantay/core/finance/schema';
import { INDICATOR_PARAMETERS } from '@bantay/core/finance/indicators';
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/Chart';
import { errorText } from '../../app/errors';
import { Fact } from '../../app/Fact';
import { CASES_KEY, casesApi, useRecipient, useRecipients, type CaseDetail } from '../api';

const IMPORT_HEADING = 'finance-import';
const RECIPIENT_HEADING = 'recipient-heading';
const ACCEPT: Record<FinanceFormat, string> = { goaml: '.xml', remittance_csv: '.csv' };
const FORMATS: readonly FinanceFormat[] = ['goaml', 'remittance_csv'];

/** Bars of money received by month. */
function monthChart(
  months: readonly { month: string; total: number }[],
  currency: string,
): Record<string, unknown> {
  return {
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: months.map((m) => m.total), name: currency }],
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    grid: { left: 60, right: 16, top: 16, bottom: 32 },
  };
}

function ImportPanel({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<FinanceFormat>('goaml');
  const [company, setCompany] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FinanceImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    if (!file || (format === 'remittance_csv' && !company.trim())) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await casesApi.importFinance(item.id, file, format, company.trim()));
      await queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'case', item.id] });
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={IMPORT_HEADING}>
      <Title order={2} fz="h4" id={IMPORT_HEADING} mb="xs">
        {t('investigation.finance.importTitle')}
      </Title>
      <SegmentedControl
        className="fit-content"
        mb="sm"
        aria-label={t('investigation.finance.formatLabel')}
        value={format}
        onChange={(value) => {
          setFormat(value === 'remittance_csv' ? value : 'goaml');
          setFile(null);
        }}
        data={FORMATS.map((value) => ({ value, label: t(`investigation.finance.formats.${value}`) }))}
      />
      <Group align="flex-end" gap="sm">
        {format === 'remittance_csv' ? (
          <TextInput
            label={t('investigation.finance.company')}
            description={t('investigation.finance.companyHelp')}
            value={company}
            onChange={(event) => setCompany(event.currentTarget.value)}
            maxLength={100}
            required
            w={240}
          />
        ) : null}
        <FileInput
          label={t(format === 'goaml' ? 'investigation.finance.file' : 'investigation.finance.csvFile')}
          description={t(
            format === 'goaml' ? 'investigation.finance.fileHelp' : 'investigation.finance.csvFileHelp',
          )}
          accept={ACCEPT[format]}
          value={file}
          onChange={setFile}
          w={360}
        />
        <Button
          onClick={() => void send()}
          loading={busy}
          disabled={!file || (format === 'remittance_csv' && !company.trim())}
        >
          {t('investigation.finance.import')}
        </Button>
      </Group>
      {error ? (
        <Alert color="red" mt="sm">
          {error}
        </Alert>
      ) : null}
      {result ? (
        <Alert
          color={result.quarantined ? 'orange' : 'teal'}
          mt="sm"
          role="status"
          title={t('investigation.finance.imported', { file: result.fileName })}
        >
          <Text size="sm">
            {t('investigation.finance.counts', {
              stored: result.stored,
              duplicates: result.duplicates,
              quarantined: result.quarantined,
            })}
          </Text>
          {result.problems.length ? (
            <List size="sm" mt={4}>
              {result.problems.map((problem, index) => (
                <List.Item key={index}>
                  <Text span ff="monospace" size="xs">
                    {problem.location}
                  </Text>{' '}
                  {problem.message}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
    </Paper>
  );
}

/** A flag in words: the indicator's name and the facts that made it fire. */
function FlagReason({ flag }: { flag: RecipientSummary['flags'][number] }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <Text span fw={600} size="sm">
        {t(`investigation.finance.indicators.${flag.indicator}.label`)}
      </Text>
      {': '}
      <Text span size="sm">
        {t(`investigation.finance.indicators.${flag.indicator}.reason`, flag.facts)}
      </Text>
    </List.Item>
  );
}

function RecipientPanel({ caseId, recipientKey }: { caseId: string; recipientKey: string }) {
  const { t, i18n } = useTranslation();
  const detail = useRecipient(caseId, recipientKey);
  if (detail.isPending) return <Loader aria-label={t('common.loading')} />;
  if (detail.isError) return <Alert color="red">{errorText(t, detail.error)}</Alert>;
  const r = detail.data;
  const money = (value: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency: r.currency }).format(value);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={RECIPIENT_HEADING}>
      <Title order={2} fz="h4" id={RECIPIENT_HEADING} mb="xs">
        {t('investigation.finance.recipientTitle', { name: r.name ?? r.account ?? r.key })}
      </Title>
      <dl className="facts facts-dense">
        <Fact label={t('investigation.finance.totalReceived')}>{money(r.total)}</Fact>
        <Fact label={t('investigation.finance.transactions')}>{r.transactions}</Fact>
        <Fact label={t('investigation.finance.senders')}>{r.senders}</Fact>
        <Fact label={t('investigation.finance.countries')}>{r.countries.join(', ') || t('common.none')}</Fact>
        <Fact label={t('investigation.finance.account')}>
          {[r.institution, r.account].filter(Boolean).join(' · ') || t('common.none')}
        </Fact>
      </dl>
      {r.flags.length ? (
        <List mt="sm">
          {r.flags.map((flag) => (
            <FlagReason key={flag.indicator} flag={flag} />
          ))}
        </List>
      ) : null}
      <Chart
        height={220}
        label={t('investigation.finance.chartLabel')}
        option={monthChart(r.months, r.currency)}
      />
      <Table fz="sm" mt="sm" striped verticalSpacing={2}>
        <Table.Caption>
          <VisuallyHidden>{t('investigation.finance.monthsCaption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('investigation.finance.month')}</Table.Th>
            <Table.Th ta="right">{t('investigation.finance.transactions')}</Table.Th>
            <Table.Th ta="right">{t('investigation.finance.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.months.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Td>{m.month}</Table.Td>
              <Table.Td ta="right">{m.count}</Table.Td>
              <Table.Td ta="right">{money(m.total)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table fz="sm" mt="sm" striped verticalSpacing={2}>
        <Table.Caption>
          <VisuallyHidden>{t('investigation.finance.sendersCaption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('investigation.finance.sender')}</Table.Th>
            <Table.Th>{t('investigation.legal.country')}</Table.Th>
            <Table.Th ta="right">{t('investigation.finance.transactions')}</Table.Th>
            <Table.Th ta="right">{t('investigation.finance.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.senderList.map((sender) => (
            <Table.Tr key={sender.key}>
              <Table.Td>{sender.name ?? sender.key}</Table.Td>
              <Table.Td>{sender.country ?? t('common.none')}</Table.Td>
              <Table.Td ta="right">{sender.transactions}</Table.Td>
              <Table.Td ta="right">{money(sender.total)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The financial trail: goAML and remittance CSV imports, recipients with the OSEC indicators that fire and why. */
export function FinanceTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const recipients = useRecipients(item.id);
  const [selected, setSelected] = useState<string | null>(null);
  const small = INDICATOR_PARAMETERS.smallAmounts.ranges.PHP ?? [0, 0];
  return (
    <Stack gap="md">
      <Text size="sm" className="dimmed">
        {t('investigation.finance.intro', { low: small[0], high: small[1] })}
      </Text>
      {item.abilities.write ? <ImportPanel item={item} /> : null}
      {recipients.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {recipients.isError ? <Alert color="red">{errorText(t, recipients.error)}</Alert> : null}
      {recipients.data?.length === 0 ? (
        <Text className="dimmed">{t('investigation.finance.none')}</Text>
      ) : null}
      {recipients.data?.length ? (
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" striped verticalSpacing={4}>
            <Table.Caption>
              <VisuallyHidden>{t('investigation.finance.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('investigation.finance.recipient')}</Table.Th>
                <Table.Th ta="right">{t('investigation.finance.transactions')}</Table.Th>
                <Table.Th ta="right">{t('investigation.finance.senders')}</Table.Th>
                <Table.Th>{t('investigation.finance.flags')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('investigation.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recipients.data.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.name ?? r.account ?? r.key}</Table.Td>
                  <Table.Td ta="right">{r.transactions}</Table.Td>
                  <Table.Td ta="right">{r.senders}</Table.Td>
                  <Table.Td>
                    {r.flags.length ? (
                      <Badge color="red" variant="light" radius="sm">
                        {t('investigation.finance.flagCount', { count: r.flags.length })}
                      </Badge>
                    ) : (
                      t('common.none')
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setSelected(r.key)}
                      aria-label={t('investigation.finance.openNamed', { name: r.name ?? r.key })}
                    >
                      {t('investigation.finance.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {selected ? <RecipientPanel caseId={item.id} recipientKey={selected} /> : null}
    </Stack>
  );
}
