import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWithDetail } from '../app/errors';
import { TRIAGE_KEY } from '../triage/api';
import { INTAKE_KEY, intakeApi, type UploadResult } from './api';
import { ImportSummary } from './ImportSummary';
import { fileSize, hotlineName, INTAKE_EXTENSIONS, intakeKind } from './uploadFile';

const HEADING = 'intake-upload';

type Stage = { kind: 'idle' } | { kind: 'sending'; sent: number; total: number } | { kind: 'importing' };

/** Upload a file of reports (CyberTipline XML, referral JSON, hotline CSV, or a zip of them). */
export function UploadPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [errors, setErrors] = useState<{ file?: string; source?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<UploadResult | null>(null);
  const abort = useRef<AbortController | null>(null);
  const kind = file ? intakeKind(file.name) : null;
  const nameRule = hotlineName(kind);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: typeof errors = {};
    if (!file) found.file = t('intake.upload.chooseFile');
    else if (!kind) found.file = t('intake.upload.wrongType', { types: INTAKE_EXTENSIONS.join(', ') });
    if (nameRule === 'required' && !source.trim()) found.source = t('intake.upload.hotlineRequired');
    setErrors(found);
    if (!file || Object.keys(found).length > 0) return;
    setResult(null);
    setStage({ kind: 'sending', sent: 0, total: file.size });
    abort.current = new AbortController();
    try {
      const answer = await intakeApi.upload(
        file,
        nameRule === 'none' ? undefined : source.trim() || undefined,
        (sent, total) => setStage(sent >= total ? { kind: 'importing' } : { kind: 'sending', sent, total }),
        abort.current.signal,
      );
      setResult(answer);
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: [INTAKE_KEY] });
      await queryClient.invalidateQueries({ queryKey: [TRIAGE_KEY] });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError')
        setFailure(t('intake.upload.cancelled'));
      else {
        const { message, detail } = errorWithDetail(t, error);
        setFailure(detail ? `${message} ${detail}` : message);
      }
    } finally {
      setStage({ kind: 'idle' });
      abort.current = null;
    }
  };

  const busy = stage.kind !== 'idle';
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby={HEADING}>
        <Title order={2} fz="h4" id={HEADING} mb="xs">
          {t('intake.upload.title')}
        </Title>
        <Text size="sm" className="dimmed" mb="sm">
          {t('intake.upload.help')}
        </Text>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <FileInput
                label={t('intake.upload.file')}
                description={t('intake.upload.fileHelp')}
                placeholder={t('intake.upload.choose')}
                accept={INTAKE_EXTENSIONS.join(',')}
                value={file}
                onChange={(chosen) => {
                  setFile(chosen);
                  setErrors({});
                  setResult(null);
                }}
                error={errors.file}
                clearable
                disabled={busy}
                w={360}
              />
              {nameRule !== 'none' ? (
                <TextInput
                  label={t('intake.upload.hotline')}
                  description={
                    nameRule === 'required'
                      ? t('intake.upload.hotlineHelp')
                      : t('intake.upload.hotlineZipHelp')
                  }
                  required={nameRule === 'required'}
                  value={source}
                  error={errors.source}
                  onChange={(event) => setSource(event.currentTarget.value)}
                  disabled={busy}
                  w={320}
                />
              ) : null}
            </Group>
            {file ? (
              <Text size="xs" className="dimmed">
                {t('intake.upload.chosen', { name: file.name, size: fileSize(file.size, i18n.language) })}
              </Text>
            ) : null}
            <Group gap="sm">
              <Button type="submit" leftSection={<IconUpload size={16} aria-hidden />} loading={busy}>
                {t('intake.upload.submit')}
              </Button>
              {stage.kind === 'sending' ? (
                <Button variant="default" onClick={() => abort.current?.abort()}>
                  {t('common.cancel')}
                </Button>
              ) : null}
            </Group>
            {busy ? <UploadProgress stage={stage} language={i18n.language} /> : null}
            {failure ? (
              <Alert color="red" role="alert" title={t('intake.upload.failed')}>
                {failure}
              </Alert>
            ) : null}
          </Stack>
        </form>
      </Paper>
      {result ? <ImportSummary result={result} /> : null}
    </Stack>
  );
}

function UploadProgress({ stage, language }: { stage: Stage; language: string }) {
  const { t } = useTranslation();
  if (stage.kind === 'sending') {
    const percent = stage.total > 0 ? Math.round((stage.sent / stage.total) * 100) : 0;
    return (
      <Stack gap={4}>
        <Progress value={percent} aria-label={t('intake.upload.progressLabel')} />
        <Text size="xs" aria-live="polite">
          {t('intake.upload.sending', {
            sent: fileSize(stage.sent, language),
            total: fileSize(stage.total, language),
            percent,
          })}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <Progress value={100} animated striped aria-label={t('intake.upload.progressLabel')} />
      <Text size="xs" aria-live="polite">
        {t('intake.upload.importing')}
      </Text>
    </Stack>
  );
}
