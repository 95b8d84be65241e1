import type { EvidenceItem, EvidenceVerifyResult } from '@bantay/core/evidence/schema';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../app/CopyValue';
import { errorText } from '../../app/errors';
import { Fact } from '../../app/Fact';
import { useDateFormat } from '../../app/format';
import { casesApi, useEvidence, type CaseDetail } from '../api';
import { FormDialog } from '../CaseForm';
import { EvidenceItemForm, TransferForm } from './EvidenceForms';

function VerifyChain() {
  const { t } = useTranslation();
  const [result, setResult] = useState<EvidenceVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await casesApi.verifyEvidence());
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <div>
        <Button variant="default" onClick={() => void verify()} loading={busy}>
          {t('investigation.evidence.verify')}
        </Button>
      </div>
      {error ? <Alert color="red">{error}</Alert> : null}
      {result ? (
        <Alert color={result.ok ? 'teal' : 'red'} role="status">
          {result.ok
            ? t('investigation.evidence.verified', { items: result.items, transfers: result.transfers })
            : t('investigation.evidence.broken', { table: result.table, id: result.badId })}
        </Alert>
      ) : null}
    </Stack>
  );
}

function ItemCard({ item, evidence }: { item: CaseDetail; evidence: EvidenceItem }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const headingId = `evidence-${evidence.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} fz="h4" id={headingId}>
            {evidence.number} · {evidence.description}
          </Title>
          <Badge variant="light" radius="sm">
            {t(`investigation.evidenceKinds.${evidence.kind}`)}
          </Badge>
        </Group>
        {item.abilities.evidence ? (
          <FormDialog
            buttonLabel={t('investigation.evidence.transfer')}
            buttonAriaLabel={t('investigation.evidence.transferOf', { number: evidence.number })}
            title={t('investigation.evidence.transferOf', { number: evidence.number })}
            compact
          >
            {(close) => <TransferForm caseId={item.id} evidence={evidence} onDone={close} />}
          </FormDialog>
        ) : null}
      </Group>
      <dl className="facts facts-dense">
        <Fact label={t('investigation.hash.sha256')}>
          <CopyValue value={evidence.sha256} label={t('investigation.hash.sha256')} />
        </Fact>
        {evidence.md5 ? (
          <Fact label={t('investigation.hash.md5')} mono>
            {evidence.md5}
          </Fact>
        ) : null}
        {evidence.sha1 ? (
          <Fact label={t('investigation.hash.sha1')} mono>
            {evidence.sha1}
          </Fact>
        ) : null}
        <Fact label={t('investigation.evidence.acquired')}>
          {evidence.acquiredBy} · {format.dateTime(evidence.acquiredAt)} · {evidence.acquiredWhere}
        </Fact>
        <Fact label={t('investigation.evidence.legalBasis')}>{evidence.legalBasis}</Fact>
        <Fact label={t('investigation.evidence.storage')}>{evidence.storageLocation}</Fact>
        <Fact label={t('investigation.evidence.custodian')}>{evidence.custodian.name}</Fact>
      </dl>
      <Table
        fz="sm"
        mt="sm"
        verticalSpacing={4}
        aria-label={t('investigation.evidence.chainOf', { number: evidence.number })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('investigation.timeline.when')}</Table.Th>
            <Table.Th>{t('investigation.evidence.from')}</Table.Th>
            <Table.Th>{t('investigation.evidence.to')}</Table.Th>
            <Table.Th>{t('investigation.evidence.purpose')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>{format.dateTime(evidence.registeredAt)}</Table.Td>
            <Table.Td>{t('common.none')}</Table.Td>
            <Table.Td>{evidence.registeredBy}</Table.Td>
            <Table.Td>{t('investigation.evidence.registeredRow')}</Table.Td>
          </Table.Tr>
          {evidence.transfers.map((transfer) => (
            <Table.Tr key={transfer.id}>
              <Table.Td>{format.dateTime(transfer.at)}</Table.Td>
              <Table.Td>{transfer.from}</Table.Td>
              <Table.Td>{transfer.to}</Table.Td>
              <Table.Td>{transfer.purpose}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The evidence register: items by hash and location, their custody, exports for court, the chain check. */
export function EvidenceTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const evidence = useEvidence(item.id);
  return (
    <Stack gap="md">
      <Group gap="sm">
        {item.abilities.evidence ? (
          <FormDialog
            buttonLabel={t('investigation.evidence.register')}
            title={t('investigation.evidence.register')}
          >
            {(close) => <EvidenceItemForm item={item} onDone={close} />}
          </FormDialog>
        ) : null}
        <Anchor href={casesApi.exportUrl(item.id, 'csv')} download size="sm">
          {t('investigation.evidence.exportCsv')}
        </Anchor>
        <Anchor href={casesApi.exportUrl(item.id, 'pdf')} download size="sm">
          {t('investigation.evidence.exportPdf')}
        </Anchor>
      </Group>
      {item.abilities.evidence ? <VerifyChain /> : null}
      {evidence.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {evidence.isError ? <Alert color="red">{errorText(t, evidence.error)}</Alert> : null}
      {evidence.data?.length === 0 ? (
        <Text className="dimmed">{t('investigation.evidence.none')}</Text>
      ) : null}
      {evidence.data?.map((entry) => (
        <ItemCard key={entry.id} item={item} evidence={entry} />
      ))}
    </Stack>
  );
}
