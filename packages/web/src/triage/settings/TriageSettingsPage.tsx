import { PRIORITY_FACTORS } from '@bantay/core/triage/priority';
import { TriageSettingsInput } from '@bantay/core/triage/schema';
import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorText } from '../../app/errors';
import { notify } from '../../app/notify';
import { Page } from '../../app/Page';
import { TRIAGE_KEY, triageApi, useTriageSettings, type TriageSettings } from '../api';

/** Supervisors tune the priority score and the linking rules; saving re-scores the open queue. */
export default function TriageSettingsPage() {
  const { t } = useTranslation();
  const settings = useTriageSettings();
  return (
    <Page title={t('triageSettings.title')} description={t('triageSettings.intro')}>
      {settings.isError ? <Alert color="red">{errorText(t, settings.error)}</Alert> : null}
      {settings.isPending ? (
        <Center py="lg">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : null}
      {settings.data ? <SettingsForm initial={settings.data} /> : null}
    </Page>
  );
}

const SETTINGS_WEIGHTS = 'settings-weights';
const SETTINGS_LEVELS = 'settings-levels';
const SETTINGS_LINKING = 'settings-linking';

/** The fields of the form, as the API names them (weights.x for a weight). */
type FieldKey =
  `weights.${keyof TriageSettings['weights']}` | 'hubThreshold' | 'ipWindowHours' | 'p1ReviewMinutes';

type Errors = Partial<Record<string, string>>;

function SettingsForm({ initial }: { initial: TriageSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<TriageSettings>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [rescored, setRescored] = useState<number | null>(null);

  const setWeight = (key: keyof TriageSettings['weights'], value: string | number) =>
    setValues((current) => ({ ...current, weights: { ...current.weights, [key]: Number(value) } }));
  const setRule = (key: 'hubThreshold' | 'ipWindowHours' | 'p1ReviewMinutes', value: string | number) =>
    setValues((current) => ({ ...current, [key]: Number(value) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setRescored(null);
    const checked = TriageSettingsInput.safeParse(values);
    const found: Errors = {};
    if (!checked.success) {
      for (const issue of checked.error.issues)
        found[issue.path.join('.')] ??= t('triageSettings.outOfRange');
    }
    if (values.weights.p2_threshold >= values.weights.p1_threshold)
      found['weights.p2_threshold'] = t('triageSettings.thresholdOrder');
    setErrors(found);
    if (Object.keys(found).length > 0 || !checked.success) return;
    setSaving(true);
    try {
      const result = await triageApi.saveSettings(checked.data);
      setRescored(result.rescored);
      notify.success({ message: t('triageSettings.saved', { count: result.rescored }) });
      await queryClient.invalidateQueries({ queryKey: [TRIAGE_KEY] });
    } catch (error) {
      if (isApiError(error) && error.field) {
        const message =
          error.field === 'weights.p2_threshold'
            ? t('triageSettings.thresholdOrder')
            : error.message || errorText(t, error);
        setErrors({ [error.field]: message });
      } else setFormError(errorText(t, error));
    } finally {
      setSaving(false);
    }
  };

  const number = (
    key: FieldKey,
    label: string,
    description: string,
    value: number,
    onChange: (value: string | number) => void,
    range: { min: number; max: number; suffix?: string },
  ) => (
    <NumberInput
      key={key}
      label={label}
      description={description}
      value={value}
      min={range.min}
      max={range.max}
      suffix={range.suffix}
      allowDecimal={false}
      clampBehavior="none"
      error={errors[key]}
      onChange={onChange}
    />
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        {formError ? <Alert color="red">{formError}</Alert> : null}
        {rescored !== null ? (
          <Alert color="teal" role="status">
            {t('triageSettings.saved', { count: rescored })}
          </Alert>
        ) : null}
        <Paper withBorder p="md" component="section" aria-labelledby={SETTINGS_WEIGHTS}>
          <Title order={2} fz="h4" id={SETTINGS_WEIGHTS}>
            {t('triageSettings.weights')}
          </Title>
          <Text size="sm" className="dimmed" mb="sm">
            {t('triageSettings.weightsHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {PRIORITY_FACTORS.map((factor) =>
              number(
                `weights.${factor}`,
                t(`priorityFactors.${factor}.label`),
                t(`priorityFactors.${factor}.help`),
                values.weights[factor],
                (value) => setWeight(factor, value),
                { min: 0, max: 100, suffix: ` ${t('triageSettings.pointsSuffix')}` },
              ),
            )}
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby={SETTINGS_LEVELS}>
          <Title order={2} fz="h4" id={SETTINGS_LEVELS} mb="sm">
            {t('triageSettings.levels')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {number(
              'weights.p1_threshold',
              t('triageSettings.p1'),
              t('triageSettings.p1Help'),
              values.weights.p1_threshold,
              (value) => setWeight('p1_threshold', value),
              { min: 1, max: 100 },
            )}
            {number(
              'weights.p2_threshold',
              t('triageSettings.p2'),
              t('triageSettings.p2Help'),
              values.weights.p2_threshold,
              (value) => setWeight('p2_threshold', value),
              { min: 1, max: 100 },
            )}
            {number(
              'p1ReviewMinutes',
              t('triageSettings.p1Review'),
              t('triageSettings.p1ReviewHelp'),
              values.p1ReviewMinutes,
              (value) => setRule('p1ReviewMinutes', value),
              { min: 5, max: 1440, suffix: ` ${t('triageSettings.minutes')}` },
            )}
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby={SETTINGS_LINKING}>
          <Title order={2} fz="h4" id={SETTINGS_LINKING} mb="sm">
            {t('triageSettings.linking')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {number(
              'hubThreshold',
              t('triageSettings.hub'),
              t('triageSettings.hubHelp'),
              values.hubThreshold,
              (value) => setRule('hubThreshold', value),
              { min: 2, max: 1_000_000 },
            )}
            {number(
              'ipWindowHours',
              t('triageSettings.ipWindow'),
              t('triageSettings.ipWindowHelp'),
              values.ipWindowHours,
              (value) => setRule('ipWindowHours', value),
              { min: 1, max: 720, suffix: ` ${t('triageSettings.hours')}` },
            )}
          </SimpleGrid>
        </Paper>
        <Group>
          <Button type="submit" loading={saving}>
            {t('triageSettings.save')}
          </Button>
          <Button variant="default" onClick={() => setValues(initial)} disabled={saving}>
            {t('triageSettings.reset')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
