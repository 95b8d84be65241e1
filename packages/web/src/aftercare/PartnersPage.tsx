import { PARTNER_SPECIALTIES, type Partner, type PartnerInput } from '@bantay/core/aftercare/schema';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { useMe } from '../auth/session';
import { AftercareNav } from './AftercareNav';
import { aftercareApi, useAftercareAction, useAftercareOrganisations, usePartners } from './api';
import { FormError } from './FormError';
import { useChoices } from './labels';

const isSpecialty = (value: string): value is PartnerInput['specialties'][number] =>
  (PARTNER_SPECIALTIES as readonly string[]).includes(value);

/** The directory of shelters, foster and community partners: accreditation, beds, who lives there. */
export function PartnersPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const me = useMe();
  const partners = usePartners();
  const [adding, setAdding] = useState(false);
  const occupancy = (partner: Partner) =>
    partner.occupancy
      .map((o) => `${t(`aftercare.sexes.${o.sex}`)} ${t(`aftercare.ageBands.${o.ageBand}`)}: ${o.residents}`)
      .join('; ');
  return (
    <Page
      title={t('aftercare.partners.title')}
      description={t('aftercare.partners.intro')}
      actions={
        me.permissions.includes('aftercare:write') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            {t('aftercare.partners.add')}
          </Button>
        ) : null
      }
    >
      <AftercareNav />
      {partners.isError ? <Alert color="red">{errorText(t, partners.error)}</Alert> : null}
      {partners.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {partners.data?.length === 0 ? <Text className="dimmed">{t('aftercare.partners.none')}</Text> : null}
      {partners.data?.length ? (
        <Table.ScrollContainer minWidth={860}>
          <Table striped fz="sm" verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.partners.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.partners.name')}</Table.Th>
                <Table.Th>{t('aftercare.partners.kind')}</Table.Th>
                <Table.Th>{t('aftercare.partners.accreditation')}</Table.Th>
                <Table.Th ta="right">{t('aftercare.partners.occupied')}</Table.Th>
                <Table.Th>{t('aftercare.partners.occupancy')}</Table.Th>
                <Table.Th>{t('aftercare.partners.specialties')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.data.map((partner) => (
                <Table.Tr key={partner.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {partner.name}
                    </Text>
                    <Text size="xs" className="dimmed">
                      {partner.location}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`aftercare.partnerKinds.${partner.kind}`)}</Table.Td>
                  <Table.Td>
                    {t(`aftercare.accreditation.${partner.accreditationLevel}`)}
                    {partner.accreditationExpires ? (
                      <Text size="xs" className="dimmed">
                        {t('aftercare.partners.until', { date: format.date(partner.accreditationExpires) })}
                      </Text>
                    ) : null}
                    {partner.accreditationExpiring ? (
                      <Badge color="orange" variant="light" radius="sm">
                        {t('aftercare.partners.expiring')}
                      </Badge>
                    ) : null}
                    {partner.accreditationExpired ? (
                      <Badge color="red" variant="light" radius="sm">
                        {t('aftercare.partners.expired')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {t('aftercare.partners.ofBeds', { residents: partner.residents, beds: partner.beds })}
                  </Table.Td>
                  <Table.Td>{occupancy(partner) || t('common.none')}</Table.Td>
                  <Table.Td>
                    {partner.specialties.map((s) => t(`aftercare.specialties.${s}`)).join(', ') ||
                      t('common.none')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('aftercare.partners.add')} size="lg">
        <PartnerForm onDone={() => setAdding(false)} />
      </Modal>
    </Page>
  );
}

function PartnerForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const organisations = useAftercareOrganisations();
  const [draft, setDraft] = useState<PartnerInput>({
    name: '',
    kind: 'shelter',
    organisationId: null,
    accreditationLevel: 'level_1',
    accreditationExpires: null,
    location: '',
    specialties: [],
    capacity: [{ sex: 'female', ageBand: '12_14', beds: 10 }],
  });
  const set = (patch: Partial<PartnerInput>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useAftercareAction(aftercareApi.savePartner, onDone);
  const bed = draft.capacity[0] ?? { sex: 'female' as const, ageBand: '12_14' as const, beds: 0 };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run(draft);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.partners.add')}>
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
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('aftercare.partners.bedsSex')}
            data={choices.sexes}
            value={bed.sex}
            onChange={(e) => set({ capacity: [{ ...bed, sex: e.currentTarget.value as typeof bed.sex }] })}
          />
          <NativeSelect
            label={t('aftercare.partners.bedsAge')}
            data={choices.ageBands}
            value={bed.ageBand}
            onChange={(e) =>
              set({ capacity: [{ ...bed, ageBand: e.currentTarget.value as typeof bed.ageBand }] })
            }
          />
          <NumberInput
            label={t('aftercare.partners.beds')}
            min={0}
            max={1000}
            value={bed.beds}
            onChange={(value) => set({ capacity: [{ ...bed, beds: typeof value === 'number' ? value : 0 }] })}
          />
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit" loading={save.pending}>
            {t('aftercare.partners.save')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
