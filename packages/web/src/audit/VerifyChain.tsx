import { Alert, Button, Stack } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { auditApi } from './api';

/** Walks the whole hash chain on the server and says whether any entry was altered. */
export function VerifyChain() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: auditApi.verify });
  const result = verify.data;
  return (
    <Stack gap="sm" align="flex-start">
      <Button
        variant="default"
        leftSection={<IconShieldCheck size={18} aria-hidden />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t('audit.verify')}
      </Button>
      <div aria-live="polite">
        {verify.isError ? <Alert color="red">{errorText(t, verify.error)}</Alert> : null}
        {result?.ok ? (
          <Alert color="teal" title={t('audit.verifyOkTitle')}>
            {t('audit.verifyOk', { count: result.rows })}
          </Alert>
        ) : null}
        {result && !result.ok ? (
          <Alert color="red" title={t('audit.verifyBadTitle')}>
            {t('audit.verifyBad', {
              id: result.badId ?? '?',
              reason: result.reason ?? '',
              rows: result.rows,
            })}
          </Alert>
        ) : null}
      </div>
    </Stack>
  );
}
