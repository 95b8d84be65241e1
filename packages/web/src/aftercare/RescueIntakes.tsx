import { RescueIntake, type TakeInInput } from '@bantay/core/aftercare/rescue-intake';
import type { AgeBand } from '@bantay/core/aftercare/schema';
import {
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../api/client';
import { useDateFormat } from '../app/format';
import { AFTERCARE_KEY, survivorPath, useAftercareAction } from './api';
import { FormError } from './FormError';
import { useChoices } from './labels';

const rescueApi = {
  list: () =>
    api
      .get('/api/aftercare/rescue-intakes', { parser: z.object({ intakes: z.array(RescueIntake) }) })
      .then((body) => body.intakes),
  takeIn: ({ id, input }: { id: string; input: TakeInInput }) =>
    api.post(`/api/aftercare/rescue-intakes/${encodeURIComponent(id)}/take-in`, input, {
      parser: z.object({ survivorId: z.string(), code: z.string() }),
    }),
};

/**
 * Children rescued in an operation and referred to this office, waiting to be taken in:
 * by pseudonym code, with what the case knows (age band, sex, relation to the facilitator).
 * Nothing shows when none wait.
 */
export function RescueIntakes() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const intakes = useQuery({ queryKey: [AFTERCARE_KEY, 'rescue-intakes'], queryFn: rescueApi.list });
  const [taking, setTaking] = useState<RescueIntake | null>(null);
  const pending = (intakes.data ?? []).filter((intake) => intake.status === 'pending');
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="aftercare-rescue-intakes">
      <Text component="h2" fw={650} fz="h4" id="aftercare-rescue-intakes" mb="xs">
        {t('aftercare.rescue.title', { count: pending.length })}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table striped fz="sm" verticalSpacing="xs">
          <Table.Caption>
            <VisuallyHidden>{t('aftercare.rescue.caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('aftercare.fields.code')}</Table.Th>
              <Table.Th>{t('aftercare.rescue.fromCase')}</Table.Th>
              <Table.Th>{t('aftercare.rescue.caseFacts')}</Table.Th>
              <Table.Th>{t('aftercare.rescue.rescuedAt')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('aftercare.rescue.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pending.map((intake) => (
              <Table.Tr key={intake.id}>
                <Table.Td ff="monospace" fw={600}>
                  {intake.victimCode}
                </Table.Td>
                <Table.Td>
                  {t('aftercare.rescue.operationLine', {
                    operation: intake.operationName,
                    case: intake.caseNumber,
                    unit: intake.unitName ?? t('common.none'),
                  })}
                </Table.Td>
                <Table.Td>
                  {t('aftercare.rescue.factsLine', {
                    age: intake.caseAgeBand,
                    sex: t(`aftercare.rescue.caseSexes.${intake.caseSex}`, { defaultValue: intake.caseSex }),
                    relationship: t(`aftercare.rescue.relationships.${intake.relationship}`, {
                      defaultValue: intake.relationship,
                    }),
                  })}
                </Table.Td>
                <Table.Td>{format.dateTime(intake.rescuedAt)}</Table.Td>
                <Table.Td>
                  <Button size="xs" onClick={() => setTaking(intake)}>
                    {t('aftercare.rescue.takeIn', { code: intake.victimCode })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {taking ? <TakeInDialog intake={taking} onClose={() => setTaking(null)} /> : null}
    </section>
  );
}

function TakeInDialog({ intake, onClose }: { intake: RescueIntake; onClose: () => void }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const navigate = useNavigate();
  const title = t('aftercare.rescue.takeIn', { code: intake.victimCode });
  const [draft, setDraft] = useState<{
    ageBand: AgeBand | '';
    sex: string;
    riskLevel: string;
    safetyPlan: string;
  }>({
    ageBand: intake.suggestedAgeBand ?? '',
    sex: intake.caseSex === 'unknown' ? '' : intake.caseSex,
    riskLevel: 'high',
    safetyPlan: '',
  });
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const takeIn = useAftercareAction(
    rescueApi.takeIn,
    (created) => void navigate(survivorPath(created.survivorId)),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The server names any field left unchosen.
    takeIn.run({ id: intake.id, input: draft as TakeInInput });
  };
  const choose = [{ value: '', label: t('aftercare.choose') }];
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="sm">
          <Text size="sm">{t('aftercare.rescue.confirmHelp')}</Text>
          <FormError error={takeIn.error} />
          <NativeSelect
            label={t('aftercare.fields.ageBand')}
            data={[...choose, ...choices.ageBands]}
            value={draft.ageBand}
            onChange={(e) => set({ ageBand: e.currentTarget.value as AgeBand })}
          />
          <NativeSelect
            label={t('aftercare.fields.sex')}
            data={[...choose, ...choices.sexes]}
            value={draft.sex}
            onChange={(e) => set({ sex: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('aftercare.fields.riskLevel')}
            data={choices.riskLevels}
            value={draft.riskLevel}
            onChange={(e) => set({ riskLevel: e.currentTarget.value })}
          />
          <Textarea
            label={t('aftercare.fields.safetyPlan')}
            autosize
            minRows={2}
            maxLength={4000}
            value={draft.safetyPlan}
            onChange={(e) => set({ safetyPlan: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={takeIn.pending}>
              {t('aftercare.rescue.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
