import type { Generated } from 'kysely';

export type CaseFileTable = {
  id: Generated<string>;
  number: string;
  title: string;
  organisation_id: string;
  unit_id: string | null;
  status: 'referred' | 'open' | 'closed';
  origin: 'referral' | 'manual';
  lead_id: string | null;
  created_by: string;
  created_at: Date;
  closed_at: Date | null;
};

export type CaseReportTable = { case_id: string; report_id: string; added_by: string; added_at: Date };

export type CaseTables = { case_file: CaseFileTable; case_report: CaseReportTable };
