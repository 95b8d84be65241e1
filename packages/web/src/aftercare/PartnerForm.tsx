import { PARTNER_SPECIALTIES, type Partner, type PartnerInput } from '@bantay/core/aftercare/schema';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { aftercareApi, useAftercareAction, useAftercareOrganisations } from './api';
import { FormError } from './FormError';
import { useChoices } from './labels';
import { SaveOrCancel } from './RecordPanel';

type Beds = PartnerInput['capacity'][number];
const NEW_BEDS: Beds = { sex: 'female', ageBand: '12_14', beds: 10 };

const isSpecialty = (value: string): value is PartnerInput['specialties'][number] =>
  (PARTNER_SPECIALTIES as readonly string[]).includes(value);

/** A new partner, or changes to one: accreditation, beds by sex and age group, specialties. */
export function PartnerForm({ partner, onDone }: { partner: Partner | null; onDone: () => void }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const organisations = useAftercareOrganisations();
  const [draft, setDraft] = useState<PartnerInput>(() =>
    partner
      ? {
          name: partner.name,
          kind: partner.kind,
          organisationId: partner.organisationId,
          accreditationLevel: partner.accreditationLevel,
          accreditationExpires: partner.accreditationExpires,
          location: partner.location,
          specialties: partner.specialties,
          capacity: partner.capacity,
        }
      : {
          name: '',
          kind: 'shelter',
          organisationId: null,
          accreditationLevel: 'level_1',
          accreditationExpires: null,
          location: '',
          specialties: [],
          capacity: [NEW_BEDS],
        },
  );
  const set = (patch: Partial<PartnerInput>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useAftercareAction(
    (input: PartnerInput) =>
      partner ? aftercareApi.updatePartner(partner.id, input) : aftercareApi.savePartner(input),
    onDone,
  );
  const editBeds = (index: number, patch: Partial<Beds>) =>
    set({ capacity: draft.capacity.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run(draft);
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={
        partner ? t('aftercare.partners.editTitle', { name: partner.name }) : t('aftercare.partners.add')
      }
    >
      <Stack gap="sm">
        <FormError error={save.error} />
        <TextInput
          label={t('aftercare.partners.name')}
          value={draft.name}
          maxLength={200}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('aftercare.partners.kind')}
            data={choices.partnerKinds}
            value={draft.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as PartnerInput['kind'] })}
          />
          <TextInput
            label={t('aftercare.partners.location')}
            value={draft.location}
            maxLength={200}
            onChange={(e) => set({ location: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('aftercare.partners.accreditation')}
            data={choices.accreditation}
            value={draft.accreditationLevel}
            onChange={(e) =>
              set({ accreditationLevel: e.currentTarget.value as PartnerInput['accreditationLevel'] })
            }
          />
          <TextInput
            type="date"
            label={t('aftercare.partners.expires')}
            value={draft.accreditationExpires ?? ''}
            onChange={(e) => set({ accreditationExpires: e.currentTarget.value || null })}
          />
        </SimpleGrid>
        <NativeSelect
          label={t('aftercare.partners.organisation')}
          description={t('aftercare.partners.organisationHelp')}
          data={[
            { value: '', label: t('common.none') },
            ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
          value={draft.organisationId ?? ''}
          onChange={(e) => set({ organisationId: e.currentTarget.value || null })}
        />
        <Checkbox.Group
          label={t('aftercare.partners.specialties')}
          value={draft.specialties}
          onChange={(value) => set({ specialties: value.filter(isSpecialty) })}
        >
          <Group gap="md" mt={4}>
            {PARTNER_SPECIALTIES.map((s) => (
              <Checkbox key={s} value={s} label={t(`aftercare.specialties.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        {draft.capacity.map((bed, index) => (
          <Group key={index} align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('aftercare.partners.bedsSexN', { n: index + 1 })}
              data={choices.sexes}
              value={bed.sex}
              onChange={(e) => editBeds(index, { sex: e.currentTarget.value as Beds['sex'] })}
            />
            <NativeSelect
              label={t('aftercare.partners.bedsAgeN', { n: index + 1 })}
              data={choices.ageBands}
              value={bed.ageBand}
              onChange={(e) => editBeds(index, { ageBand: e.currentTarget.value as Beds['ageBand'] })}
            />
            <NumberInput
              label={t('aftercare.partners.bedsN', { n: index + 1 })}
              min={0}
              max={1000}
              value={bed.beds}
              onChange={(value) => editBeds(index, { beds: typeof value === 'number' ? value : 0 })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('aftercare.partners.removeBeds', { n: index + 1 })}
              onClick={() => set({ capacity: draft.capacity.filter((_, i) => i !== index) })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          className="fit-content"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => set({ capacity: [...draft.capacity, NEW_BEDS] })}
        >
          {t('aftercare.partners.addBeds')}
        </Button>
        <SaveOrCancel save={t('aftercare.partners.save')} pending={save.pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
