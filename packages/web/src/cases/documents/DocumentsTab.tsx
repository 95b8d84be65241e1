import { DOCUMENT_KINDS, DocumentUploadQuery, type CaseDocument } from '@bantay/core/cases/documents';
import { Anchor, Badge, FileInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../app/CopyValue';
import { QueryTable } from '../../app/DataTable';
import { schemaErrors } from '../../app/errors';
import { useDateFormat } from '../../app/format';
import { casesApi, useDocuments, type CaseDetail } from '../api';
import { CaseForm, FormDialog } from '../CaseForm';

/** Case papers only: the server tells the format from the bytes and refuses media. */
const DOCUMENT_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv';

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

function UploadForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  return (
    <CaseForm
      label={t('investigation.documents.upload')}
      fields={['title', 'kind', 'file'] as const}
      submitLabel={t('investigation.documents.upload')}
      doneMessage={t('investigation.documents.uploaded')}
      check={() => ({
        ...schemaErrors(t, DocumentUploadQuery.safeParse({ title, kind }), {
          title: 'investigation.form.required',
          kind: 'investigation.form.required',
        }),
        ...(file ? {} : { file: t('investigation.form.required') }),
      })}
      send={() =>
        casesApi.uploadDocument(item.id, file ?? new Blob(), {
          title,
          kind: kind ?? '',
          fileName: file?.name,
        })
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <TextInput
            label={t('investigation.documents.title')}
            required
            data-autofocus
            value={title}
            error={errors.title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Select
            label={t('investigation.documents.kind')}
            required
            data={DOCUMENT_KINDS.map((value) => ({
              value,
              label: t(`investigation.documentKinds.${value}`),
            }))}
            value={kind}
            error={errors.kind}
            onChange={setKind}
          />
          <FileInput
            label={t('investigation.documents.file')}
            description={t('investigation.documents.fileHelp')}
            required
            accept={DOCUMENT_ACCEPT}
            value={file}
            error={errors.file}
            onChange={setFile}
          />
        </>
      )}
    </CaseForm>
  );
}

function WithdrawForm({
  item,
  document,
  onDone,
}: {
  item: CaseDetail;
  document: CaseDocument;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <CaseForm
      label={t('investigation.documents.withdrawTitle')}
      fields={['reason'] as const}
      submitLabel={t('investigation.documents.withdraw')}
      doneMessage={t('investigation.documents.withdrawnMessage')}
      check={() => (reason.trim() ? {} : { reason: t('investigation.form.required') })}
      send={() => casesApi.withdrawDocument(item.id, document.id, reason)}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Text size="sm">{t('investigation.documents.withdrawHelp')}</Text>
          <Textarea
            label={t('investigation.documents.reason')}
            required
            data-autofocus
            autosize
            minRows={2}
            value={reason}
            error={errors.reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </>
      )}
    </CaseForm>
  );
}

/** The case's papers: warrants, orders, letters, provider responses; stored encrypted. */
export function DocumentsTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const documents = useDocuments(item.id);
  return (
    <Stack gap="md">
      {item.abilities.write ? (
        <div>
          <FormDialog
            buttonLabel={t('investigation.documents.upload')}
            title={t('investigation.documents.upload')}
          >
            {(close) => <UploadForm item={item} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      <QueryTable
        query={documents}
        rowKey={(document) => document.id}
        none={t('investigation.documents.none')}
        caption={t('investigation.documents.caption')}
        minWidth={900}
        verticalSpacing={4}
        columns={[
          {
            label: t('investigation.documents.title'),
            cell: (document) =>
              document.withdrawnAt ? (
                document.title
              ) : (
                <Anchor
                  href={casesApi.documentUrl(item.id, document.id)}
                  download
                  aria-label={t('investigation.documents.downloadNamed', { title: document.title })}
                >
                  {document.title}
                </Anchor>
              ),
          },
          {
            label: t('investigation.documents.kind'),
            cell: (document) => t(`investigation.documentKinds.${document.kind}`),
          },
          {
            label: t('investigation.documents.format'),
            cell: (document) =>
              `${t(`investigation.documentFormats.${document.format}`)} · ${size(document.sizeBytes)}`,
          },
          {
            label: t('investigation.documents.sha256'),
            cell: (document) => (
              <CopyValue value={document.sha256} label={t('investigation.documents.sha256')} />
            ),
          },
          {
            label: t('investigation.documents.uploadedBy'),
            cell: (document) =>
              t('investigation.documents.uploadedLine', {
                name: document.uploadedBy,
                time: format.dateTime(document.uploadedAt),
              }),
          },
          {
            label: t('cases.status'),
            cell: (document) =>
              document.withdrawnAt ? (
                <Text size="sm">
                  <Badge color="gray" variant="light" size="sm" radius="sm" mr={4}>
                    {t('investigation.documents.withdrawnBadge')}
                  </Badge>
                  {t('investigation.documents.withdrawn', {
                    time: format.dateTime(document.withdrawnAt),
                    reason: document.withdrawnReason ?? '',
                  })}
                </Text>
              ) : item.abilities.write ? (
                <FormDialog
                  buttonLabel={t('investigation.documents.withdraw')}
                  buttonAriaLabel={t('investigation.documents.withdrawNamed', { title: document.title })}
                  title={t('investigation.documents.withdrawTitle')}
                  variant="default"
                  compact
                >
                  {(close) => <WithdrawForm item={item} document={document} onDone={close} />}
                </FormDialog>
              ) : (
                t('investigation.documents.active')
              ),
          },
        ]}
      />
    </Stack>
  );
}
