import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { notify } from '../../app/notify';
import { TRIAGE_KEY, triageApi, useSavedFilters } from '../api';
import { filterParams, filtersFrom, savedFilterBody, type QueueFilters } from './filters';

type SavedFiltersProps = { filters: QueueFilters; onApply: (filters: QueueFilters) => void };

/** Each analyst's named filters ("P1 Cebu, unassigned"): apply, save the current one, delete. */
export function SavedFilters({ filters, onApply }: SavedFiltersProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = useSavedFilters();
  // The saved filter that is the queue's filter now, if any: change a field and it no longer is.
  const current = JSON.stringify(filterParams(filters));
  const chosen =
    saved.data?.find((candidate) => JSON.stringify(filterParams(filtersFrom(candidate.filter))) === current)
      ?.id ?? null;
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [TRIAGE_KEY, 'filters'] });

  const apply = (id: string | null) => {
    const filter = saved.data?.find((candidate) => candidate.id === id);
    if (filter) onApply(filtersFrom(filter.filter));
  };

  const remove = async () => {
    const filter = saved.data?.find((candidate) => candidate.id === chosen);
    if (!filter) return;
    setBusy(true);
    try {
      await triageApi.deleteFilter(filter.id);
      notify.success({ message: t('triage.saved.deleted', { name: filter.name }) });
      await refresh();
    } catch (error) {
      notify.failure({ title: t('triage.saved.failed'), message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select
        label={t('triage.saved.label')}
        placeholder={saved.data?.length ? t('triage.saved.choose') : t('triage.saved.none')}
        data={(saved.data ?? []).map((filter) => ({ value: filter.id, label: filter.name }))}
        value={chosen}
        onChange={apply}
        disabled={!saved.data?.length}
        clearable
        w={200}
      />
      <Button
        variant="default"
        leftSection={<IconDeviceFloppy size={16} aria-hidden />}
        onClick={() => setSaving(true)}
      >
        {t('triage.saved.save')}
      </Button>
      {chosen ? (
        <Button
          variant="default"
          leftSection={<IconTrash size={16} aria-hidden />}
          loading={busy}
          onClick={() => void remove()}
        >
          {t('triage.saved.delete')}
        </Button>
      ) : null}
      <Modal
        opened={saving}
        onClose={() => setSaving(false)}
        title={t('triage.saved.saveTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {saving ? (
          <SaveFilterForm
            filters={filters}
            onSaved={async () => {
              setSaving(false);
              await refresh();
            }}
          />
        ) : null}
      </Modal>
    </Group>
  );
}

function SaveFilterForm({ filters, onSaved }: { filters: QueueFilters; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('triage.saved.nameRequired'));
      return;
    }
    setSubmitting(true);
    try {
      const saved = await triageApi.saveFilter(name.trim(), savedFilterBody(filters));
      notify.success({ message: t('triage.saved.saved', { name: saved.name }) });
      await onSaved();
    } catch (caught) {
      setError(errorText(t, caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <TextInput
          label={t('triage.saved.name')}
          description={t('triage.saved.nameHelp')}
          data-autofocus
          required
          maxLength={80}
          value={name}
          error={error}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('triage.saved.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
