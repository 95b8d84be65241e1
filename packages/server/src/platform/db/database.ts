import type { Kysely, Transaction } from 'kysely';
import type { AdminTables } from '../../admin/tables';
import type { AuditTables } from '../../audit/tables';
import type { AuthTables } from '../../auth/tables';

/** Every table, composed from the domains that own them. */
export type Database = AdminTables & AuthTables & AuditTables;

export type Db = Kysely<Database>;
/** A transaction or the database: query functions take either as their first argument. */
export type Executor = Kysely<Database> | Transaction<Database>;
