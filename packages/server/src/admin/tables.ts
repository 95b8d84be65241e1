import type { Generated } from 'kysely';

export type OrganisationTable = {
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  country: string;
  created_at: Generated<Date>;
  disabled_at: Date | null;
};

export type UnitTable = {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  created_at: Generated<Date>;
};

export type AdminTables = {
  organisation: OrganisationTable;
  unit: UnitTable;
};
