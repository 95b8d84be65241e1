import {
  ORGANISATION_KINDS,
  OrganisationInput,
  type Organisation,
  type OrganisationKind,
} from '@bantay/core/admin/schema';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorField, errorText, schemaErrors } from '../app/errors';
import { ADMIN_KEY, adminApi } from './api';
import { notify } from '../app/notify';

type Field = 'code' | 'name' | 'kind' | 'country';
const FIELDS = ['code', 'name', 'kind', 'country'] as const;
const isKind = (value: string): value is OrganisationKind =>
  (ORGANISATION_KINDS as readonly string[]).includes(value);

type OrganisationFormModalProps = {
  opened: boolean;
  organisation: Organisation | null;
  onClose: () => void;
};

export function OrganisationFormModal({ opened, organisation, onClose }: OrganisationFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        organisation
          ? t('organisations.editTitle', { name: organisation.name })
          : t('organisations.createTitle')
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      {opened ? (
        <OrganisationForm key={organisation?.id ?? 'new'} organisation={organisation} onDone={onClose} />
      ) : null}
    </Modal>
  );
}

function OrganisationForm({
  organisation,
  onDone,
}: {
  organisation: Organisation | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(organisation?.code ?? '');
  const [name, setName] = useState(organisation?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind | null>(organisation?.kind ?? null);
  const [country, setCountry] = useState(organisation?.country ?? 'PH');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = schemaErrors(t, OrganisationInput.safeParse({ code, name, kind, country }), {
      code: 'validation.organisationCode',
      name: 'validation.required',
      kind: 'validation.kind',
      country: 'validation.country',
    });
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !kind) return;
    setSubmitting(true);
    try {
      const input = { code, name, kind, country };
      if (organisation) await adminApi.updateOrganisation(organisation.id, input);
      else await adminApi.createOrganisation(input);
      notify.success({
        message: organisation ? t('organisations.updated', { name }) : t('organisations.created', { name }),
      });
      await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
      onDone();
    } catch (error) {
      const field = errorField(error, FIELDS);
      if (field) setErrors({ [field]: errorText(t, error) });
      else setFormError(errorText(t, error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {formError ? <Alert color="red">{formError}</Alert> : null}
        <TextInput
          label={t('organisations.name')}
          data-autofocus
          required
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <TextInput
          label={t('organisations.code')}
          description={t('organisations.codeHelp')}
          required
          value={code}
          error={errors.code}
          onChange={(event) => setCode(event.currentTarget.value.toUpperCase())}
        />
        <Select
          label={t('organisations.kind')}
          placeholder={t('organisations.chooseKind')}
          data={ORGANISATION_KINDS.map((value) => ({ value, label: t(`organisationKinds.${value}`) }))}
          required
          value={kind}
          error={errors.kind}
          allowDeselect={false}
          onChange={(value) => setKind(value && isKind(value) ? value : null)}
        />
        <TextInput
          label={t('organisations.country')}
          description={t('organisations.countryHelp')}
          required
          maxLength={2}
          value={country}
          error={errors.country}
          onChange={(event) => setCountry(event.currentTarget.value.toUpperCase())}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitting}>
            {organisation ? t('common.save') : t('organisations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
