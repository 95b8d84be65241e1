import { ROLES } from '@bantay/core/access/roles';
import type { Organisation } from '@bantay/core/admin/schema';
import type { TFunction } from 'i18next';

export type Option = { value: string; label: string };

export function roleOptions(t: TFunction): Option[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

/** Enabled organisations only, unless one is already chosen (an edited user may sit in a disabled one). */
export function organisationOptions(organisations: readonly Organisation[], keep?: string): Option[] {
  return organisations
    .filter((organisation) => !organisation.disabled || organisation.id === keep)
    .map((organisation) => ({
      value: organisation.id,
      label: `${organisation.name} (${organisation.code})`,
    }));
}

export function unitOptions(organisations: readonly Organisation[], organisationId: string | null): Option[] {
  const organisation = organisations.find((candidate) => candidate.id === organisationId);
  return (organisation?.units ?? []).map((unit) => ({ value: unit.id, label: unit.name }));
}
