import { UnitInput, type Organisation } from '@bantay/core/admin/schema';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorField, errorText, schemaErrors } from '../app/errors';
import { ADMIN_KEY, adminApi } from './api';
import { notify } from '../app/notify';

export function AddUnitModal({
  organisation,
  onClose,
}: {
  organisation: Organisation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={organisation !== null}
      onClose={onClose}
      title={organisation ? t('organisations.addUnitTitle', { name: organisation.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {organisation ? <AddUnitForm organisation={organisation} onDone={onClose} /> : null}
    </Modal>
  );
}

function AddUnitForm({ organisation, onDone }: { organisation: Organisation; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = schemaErrors(t, UnitInput.safeParse({ name }), { name: 'validation.required' });
    setError(found.name);
    setFormError(null);
    if (found.name) return;
    setSubmitting(true);
    try {
      await adminApi.addUnit(organisation.id, name.trim());
      notify.success({ message: t('organisations.unitAdded', { name: name.trim() }) });
      await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
      onDone();
    } catch (caught) {
      if (errorField(caught, ['name'] as const)) setError(errorText(t, caught));
      else setFormError(errorText(t, caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {formError ? <Alert color="red">{formError}</Alert> : null}
        <TextInput
          label={t('organisations.unitName')}
          description={t('organisations.unitNameHelp')}
          data-autofocus
          required
          value={name}
          error={error}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitting}>
            {t('organisations.addUnit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
