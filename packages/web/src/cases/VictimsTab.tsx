import { AGE_BANDS, RELATIONSHIPS, SEXES } from '@bantay/core/cases/schema';
import { Alert, Select, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { casesApi, type CaseDetail } from './api';
import { CaseForm, FormDialog } from './CaseForm';
import { member, options } from './labels';

type Victim = CaseDetail['victims'][number];

/** The selects a child's record needs; shared with the rescue outcome form. */
export function ChildFields({
  value,
  onChange,
  errors = {},
  index,
}: {
  value: {
    ageBand: Victim['ageBand'] | null;
    sex: Victim['sex'] | null;
    relationship: Victim['relationship'] | null;
  };
  onChange: (patch: Partial<typeof value>) => void;
  errors?: Partial<Record<'ageBand' | 'sex' | 'relationship', string>>;
  /** Numbers the labels when there are several children. */
  index?: number;
}) {
  const { t } = useTranslation();
  const suffix = index === undefined ? '' : ` ${index + 1}`;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Select
        label={`${t('investigation.victims.ageBand')}${suffix}`}
        data={options(AGE_BANDS, (band) => t(`investigation.ageBands.${band}`))}
        required
        value={value.ageBand}
        error={errors.ageBand}
        onChange={(next) => onChange({ ageBand: member(AGE_BANDS, next) })}
      />
      <Select
        label={`${t('investigation.victims.sex')}${suffix}`}
        data={options(SEXES, (sex) => t(`investigation.sexes.${sex}`))}
        required
        value={value.sex}
        error={errors.sex}
        onChange={(next) => onChange({ sex: member(SEXES, next) })}
      />
      <Select
        label={`${t('investigation.victims.relationship')}${suffix}`}
        data={options(RELATIONSHIPS, (r) => t(`investigation.relationships.${r}`))}
        required
        value={value.relationship}
        error={errors.relationship}
        onChange={(next) => onChange({ relationship: member(RELATIONSHIPS, next) })}
      />
    </SimpleGrid>
  );
}

function VictimForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [child, setChild] = useState<{
    ageBand: Victim['ageBand'] | null;
    sex: Victim['sex'] | null;
    relationship: Victim['relationship'] | null;
  }>({
    ageBand: null,
    sex: null,
    relationship: null,
  });
  const [facilitatorId, setFacilitatorId] = useState<string | null>(null);
  return (
    <CaseForm
      label={t('investigation.victims.add')}
      fields={['ageBand', 'sex', 'relationship', 'facilitatorId'] as const}
      submitLabel={t('investigation.victims.add')}
      doneMessage={t('investigation.victims.added')}
      check={() => {
        const required = t('investigation.form.required');
        return {
          ...(child.ageBand ? {} : { ageBand: required }),
          ...(child.sex ? {} : { sex: required }),
          ...(child.relationship ? {} : { relationship: required }),
        };
      }}
      send={() =>
        casesApi.addVictim(item.id, {
          ageBand: child.ageBand ?? 'unknown',
          sex: child.sex ?? 'unknown',
          relationship: child.relationship ?? 'unknown',
          ...(facilitatorId ? { facilitatorId } : {}),
        })
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Alert color="blue">{t('investigation.victims.noNames')}</Alert>
          <ChildFields
            value={child}
            onChange={(patch) => setChild((current) => ({ ...current, ...patch }))}
            errors={errors}
          />
          <Select
            label={t('investigation.victims.facilitator')}
            data={item.subjects
              .filter((s) => s.role === 'facilitator')
              .map((s) => ({ value: s.id, label: s.fullName }))}
            clearable
            value={facilitatorId}
            error={errors.facilitatorId}
            onChange={setFacilitatorId}
          />
        </>
      )}
    </CaseForm>
  );
}

/** Children in the case, by pseudonym code only; their identity lives in aftercare. */
export function VictimsTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Stack gap="md">
      <Text size="sm" className="dimmed">
        {t('investigation.victims.intro')}
      </Text>
      {item.abilities.write ? (
        <div>
          <FormDialog buttonLabel={t('investigation.victims.add')} title={t('investigation.victims.add')}>
            {(close) => <VictimForm item={item} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {item.victims.length === 0 ? (
        <Text className="dimmed">{t('investigation.victims.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" striped verticalSpacing={4}>
            <Table.Caption>
              <VisuallyHidden>{t('investigation.victims.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('investigation.victims.code')}</Table.Th>
                <Table.Th>{t('investigation.victims.ageBand')}</Table.Th>
                <Table.Th>{t('investigation.victims.sex')}</Table.Th>
                <Table.Th>{t('investigation.victims.relationship')}</Table.Th>
                <Table.Th>{t('investigation.victims.facilitator')}</Table.Th>
                <Table.Th>{t('investigation.victims.rescued')}</Table.Th>
                <Table.Th>{t('investigation.victims.aftercare')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.victims.map((victim) => (
                <Table.Tr key={victim.id}>
                  <Table.Td ff="monospace">{victim.code}</Table.Td>
                  <Table.Td>{t(`investigation.ageBands.${victim.ageBand}`)}</Table.Td>
                  <Table.Td>{t(`investigation.sexes.${victim.sex}`)}</Table.Td>
                  <Table.Td>{t(`investigation.relationships.${victim.relationship}`)}</Table.Td>
                  <Table.Td>{victim.facilitator ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    {victim.rescuedAt ? format.dateTime(victim.rescuedAt) : t('common.none')}
                  </Table.Td>
                  <Table.Td>{victim.aftercare ?? t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
