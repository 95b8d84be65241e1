import { type FAMILY_RELATIONS, type AgeBand, type IntakeInput } from '@bantay/core/aftercare/schema';
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '../app/Page';
import { AftercareNav } from './AftercareNav';
import { aftercareApi, survivorPath, useAftercareAction } from './api';
import { FormError } from './FormError';
import { useChoices } from './labels';

type Relation = (typeof FAMILY_RELATIONS)[number];

/**
 * Direct intake: who the child is in care (sex, age band, risk, safety plan) and, when
 * known, the identity, which is stored encrypted and shown only to the holding office.
 * Never a photograph.
 */
export function IntakePage() {
  const { t } = useTranslation();
  const choices = useChoices();
  const navigate = useNavigate();
  const [draft, setDraft] = useState({
    sex: 'female' as IntakeInput['sex'],
    ageBand: '12_14' as AgeBand,
    riskLevel: 'medium' as IntakeInput['riskLevel'],
    safetyPlan: '',
    name: '',
    birthDate: '',
    address: '',
    guardianName: '',
    guardianRelation: 'grandparent' as Relation,
  });
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const intake = useAftercareAction(
    aftercareApi.intake,
    (created) => void navigate(survivorPath(created.id)),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const identity = draft.name.trim()
      ? {
          name: draft.name.trim(),
          birthDate: draft.birthDate || null,
          family: draft.guardianName.trim()
            ? [
                {
                  name: draft.guardianName.trim(),
                  relation: draft.guardianRelation,
                  guardian: true,
                  safeContact: true,
                },
              ]
            : [],
          addresses: draft.address.trim() ? [draft.address.trim()] : [],
        }
      : undefined;
    intake.run({
      sex: draft.sex,
      ageBand: draft.ageBand,
      riskLevel: draft.riskLevel,
      safetyPlan: draft.safetyPlan,
      identity,
    });
  };

  return (
    <Page title={t('aftercare.intake.title')} description={t('aftercare.intake.intro')}>
      <AftercareNav />
      <form onSubmit={submit} noValidate aria-label={t('aftercare.intake.title')}>
        <Stack gap="md" maw={760}>
          <FormError error={intake.error} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('aftercare.fields.sex')}
              data={choices.sexes}
              value={draft.sex}
              onChange={(e) => set({ sex: e.currentTarget.value as IntakeInput['sex'] })}
            />
            <NativeSelect
              label={t('aftercare.fields.ageBand')}
              data={choices.ageBands}
              value={draft.ageBand}
              onChange={(e) => set({ ageBand: e.currentTarget.value as AgeBand })}
            />
            <NativeSelect
              label={t('aftercare.fields.riskLevel')}
              data={choices.riskLevels}
              value={draft.riskLevel}
              onChange={(e) => set({ riskLevel: e.currentTarget.value as IntakeInput['riskLevel'] })}
            />
          </SimpleGrid>
          <Textarea
            label={t('aftercare.fields.safetyPlan')}
            description={t('aftercare.intake.safetyPlanHelp')}
            autosize
            minRows={2}
            maxLength={4000}
            value={draft.safetyPlan}
            onChange={(e) => set({ safetyPlan: e.currentTarget.value })}
          />
          <Paper withBorder p="md" component="fieldset" className="plain-fieldset">
            <Text component="legend" fw={650} px={4}>
              {t('aftercare.identity.title')}
            </Text>
            <Stack gap="sm">
              <Alert color="blue" variant="light">
                {t('aftercare.intake.identityHelp')}
              </Alert>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('aftercare.identity.name')}
                  value={draft.name}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => set({ name: e.currentTarget.value })}
                />
                <TextInput
                  type="date"
                  label={t('aftercare.identity.birthDate')}
                  value={draft.birthDate}
                  onChange={(e) => set({ birthDate: e.currentTarget.value })}
                />
              </SimpleGrid>
              <TextInput
                label={t('aftercare.identity.address')}
                value={draft.address}
                maxLength={500}
                autoComplete="off"
                onChange={(e) => set({ address: e.currentTarget.value })}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('aftercare.identity.guardianName')}
                  value={draft.guardianName}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => set({ guardianName: e.currentTarget.value })}
                />
                <NativeSelect
                  label={t('aftercare.identity.relation')}
                  data={choices.relations}
                  value={draft.guardianRelation}
                  onChange={(e) => set({ guardianRelation: e.currentTarget.value as Relation })}
                />
              </SimpleGrid>
            </Stack>
          </Paper>
          <Group>
            <Button type="submit" loading={intake.pending}>
              {t('aftercare.intake.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
