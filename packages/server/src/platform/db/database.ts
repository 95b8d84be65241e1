import type { Kysely, Transaction } from 'kysely';
import type { AdminTables } from '../../admin/tables';
import type { AftercareTables } from '../../aftercare/tables';
import type { AuditTables } from '../../audit/tables';
import type { AuthTables } from '../../auth/tables';
import type { CaseTables } from '../../cases/tables';
import type { EvidenceTables } from '../../evidence/tables';
import type { FinanceTables } from '../../finance/tables';
import type { GeoTables } from '../../geo/tables';
import type { IntakeTables } from '../../intake/tables';
import type { ProsecutionTables } from '../../prosecution/tables';
import type { TriageTables } from '../../triage/tables';

/** Every table, composed from the domains that own them. */
export type Database = AdminTables &
  AuthTables &
  AuditTables &
  GeoTables &
  IntakeTables &
  TriageTables &
  CaseTables &
  EvidenceTables &
  AftercareTables &
  FinanceTables &
  ProsecutionTables;

export type Db = Kysely<Database>;
/** A transaction or the database: query functions take either as their first argument. */
export type Executor = Kysely<Database> | Transaction<Database>;
