import { STATUTE_CATALOGUE, offenceKey } from '@bantay/core/prosecution/statutes';
import { Badge, Group, Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../cases/CaseForm';
import type { CourtCaseDetail } from './api';

/** Labels side by side as small badges: circumstances, protections, accommodations. */
export function BadgeList({
  labels,
  variant = 'light',
}: {
  labels: string[];
  variant?: 'light' | 'outline';
}) {
  return (
    <Group gap={4}>
      {labels.map((label) => (
        <Badge key={label} size="sm" variant={variant}>
          {label}
        </Badge>
      ))}
    </Group>
  );
}

/** A button that opens a dialog holding one form; the form closes it when done. */
export function DialogButton({ label, form }: { label: string; form: (close: () => void) => ReactNode }) {
  return (
    <FormDialog buttonLabel={label} title={label}>
      {form}
    </FormDialog>
  );
}

/** Every offence of the catalogue, as a choice: "RA 11930 s. 4(a) — title". */
export const OFFENCE_OPTIONS = STATUTE_CATALOGUE.offences.map((o) => ({
  value: offenceKey(o.statute, o.section),
  label: `${offenceKey(o.statute, o.section)} — ${o.title}`,
  offence: o,
}));

export const chargeLabel = (item: CourtCaseDetail, chargeId: string): string => {
  const charge = item.charges.find((c) => c.id === chargeId);
  const accused = item.accused.find((a) => a.id === charge?.accusedId);
  return charge ? `${offenceKey(charge.statute, charge.section)} — ${accused?.name ?? ''}` : chargeId;
};

/** The first field of a form about one charge (an outcome, a plea): which charge. */
export function ChargeSelect({
  item,
  value,
  onChange,
  error,
}: {
  item: CourtCaseDetail;
  value: string | null;
  onChange: (chargeId: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('prosecution.outcomes.charge')}
      required
      allowDeselect={false}
      data={item.charges.map((c) => ({ value: c.id, label: chargeLabel(item, c.id) }))}
      value={value}
      onChange={onChange}
      error={error}
      data-autofocus
    />
  );
}
