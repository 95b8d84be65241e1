import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { triageApi } from '../api';
import { Section } from './Section';

type Loaded = { sha256: string; format: string; content: string };

/**
 * The document as received, opened only on an explicit click: it may name a child, and
 * every view is written to the audit log. Shown as text, never rendered.
 */
export function OriginalDocument({ reportId, sha256 }: { reportId: string; sha256: string }) {
  const { t } = useTranslation();
  const [document, setDocument] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      setDocument(await triageApi.document(reportId));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="report-document" title={t('document.title')}>
      <Stack gap="sm">
        <Text size="xs" className="dimmed">
          {t('document.sha256')} <span className="hash-value">{sha256}</span>
        </Text>
        {error ? <Alert color="red">{errorText(t, error)}</Alert> : null}
        {document ? (
          <>
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {t('document.recorded')}
              </Text>
              <Button variant="default" size="xs" onClick={() => setDocument(null)}>
                {t('document.hide')}
              </Button>
            </Group>
            <pre className="document-text" tabIndex={0} role="region" aria-label={t('document.content')}>
              {document.content}
            </pre>
          </>
        ) : (
          <Button
            variant="default"
            leftSection={<IconFileText size={16} aria-hidden />}
            loading={busy}
            onClick={() => void open()}
            className="fit-content wrap-button"
          >
            {t('document.show')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}
