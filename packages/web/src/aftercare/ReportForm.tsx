import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { aftercareApi, useAftercareAction } from './api';
import { FormError } from './FormError';

/** Records that the RA 7610 report went to the social welfare office, with its reference. */
export function ReportForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const update = useAftercareAction((value: string) =>
    aftercareApi.update(survivorId, { reportReference: value }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.run(reference.trim());
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.report.formTitle')}>
      <FormError error={update.error} />
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('aftercare.report.reference')}
          description={t('aftercare.report.help')}
          value={reference}
          maxLength={100}
          onChange={(e) => setReference(e.currentTarget.value)}
        />
        <Button type="submit" variant="light" loading={update.pending}>
          {t('aftercare.report.submit')}
        </Button>
      </Group>
    </form>
  );
}
