import path from 'node:path';
import type { Command } from 'commander';
import { recordAudit } from '../audit/record';
import { verifyAuditChain } from '../audit/verify';
import { seedDemoData } from '../demo/all';
import { verifyEvidenceChain } from '../evidence/verify';
import { loadConfig } from '../platform/config';
import { rotateEncryptedColumns } from '../platform/crypto/encrypted-columns';
import { generateKey } from '../platform/crypto/keys';
import { backupDatabase, restoreDatabase } from '../platform/db/backup';
import { createKysely, ensureDatabase, openDatabase, withDatabase } from '../platform/db/index';
import { migrate } from '../platform/db/migrate';
import { cliContext, withPlatform } from './context';
import { generateCommand } from './intake';

export function systemCommands(program: Command): void {
  const db = program.command('db').description('Database');
  db.command('migrate')
    .description('Apply pending migrations (forward only)')
    .action(async () => {
      await withPlatform(async () => console.log('Migrations are up to date.'));
    });

  const demo = program.command('demo').description('Demo data');
  generateCommand(demo);
  demo
    .command('seed')
    .description('Create the demo organisations and one user per role (not in production)')
    .action(async () => {
      await withPlatform(async (platform) => {
        const seeded = await seedDemoData(platform.deps);
        console.log(
          seeded.accounts || seeded.reports || seeded.cases || seeded.survivors || seeded.courtReady
            ? `Created ${seeded.accounts} demo accounts and organisations, ${seeded.reports} synthetic reports, ${seeded.cases} cases, ${seeded.survivors} survivor records, ${seeded.courtReady} investigation ready for court.`
            : 'Demo data already present.',
        );
      });
    });

  program
    .command('audit')
    .description('Audit log')
    .command('verify')
    .description('Walk the hash chain and name the first row that does not verify (exit 1 if any)')
    .action(async () => {
      const ok = await withPlatform(
        async (platform) => {
          const result = await verifyAuditChain(platform.deps.db);
          const ctx = cliContext(platform);
          await recordAudit(platform.deps.db, ctx.audit, {
            action: 'audit.verified',
            outcome: result.ok ? 'success' : 'failure',
            details: { rows: result.rows, badId: result.ok ? null : result.badId },
          });
          if (result.ok) {
            console.log(`Audit chain verified: ${result.rows} rows, last id ${result.lastId ?? '-'}.`);
            return true;
          }
          console.error(
            `Audit chain BROKEN at row ${result.badId}: ${result.reason}. ${result.rows} rows before it verified.`,
          );
          return false;
        },
        { migrate: false },
      );
      if (!ok) process.exitCode = 1;
    });

  program
    .command('evidence')
    .description('Evidence register')
    .command('verify')
    .description(
      'Walk the evidence and custody hash chains; name the first row that does not verify (exit 1 if any)',
    )
    .action(async () => {
      const ok = await withPlatform(
        async (platform) => {
          const result = await verifyEvidenceChain(platform.deps.db);
          await recordAudit(platform.deps.db, cliContext(platform).audit, {
            action: 'evidence.verified',
            outcome: result.ok ? 'success' : 'failure',
            details: {
              items: result.items,
              transfers: result.transfers,
              ...(result.ok ? {} : { table: result.table, badId: result.badId }),
            },
          });
          if (result.ok) {
            console.log(
              `Evidence chain verified: ${result.items} items, ${result.transfers} custody transfers.`,
            );
            return true;
          }
          console.error(`Evidence chain BROKEN at ${result.table} row ${result.badId}: ${result.reason}.`);
          return false;
        },
        { migrate: false },
      );
      if (!ok) process.exitCode = 1;
    });

  program
    .command('backup <file>')
    .description('Back up the whole database (pg_dump custom format; needs PostgreSQL 15+ client tools)')
    .action(async (file: string) => {
      await withPlatform(
        async (platform) => {
          const { bytes } = await backupDatabase(platform.database.adminUrl, file);
          await recordAudit(platform.deps.db, cliContext(platform).audit, {
            action: 'system.backup',
            details: { file: path.basename(file), bytes },
          });
          console.log(`Backup written to ${path.resolve(file)} (${(bytes / 1024).toFixed(0)} KiB).`);
        },
        { migrate: false },
      );
    });

  program
    .command('restore <file>')
    .description('Restore a backup into an empty database, then verify its audit chain')
    .option(
      '--database <name>',
      'restore into this (new or empty) database on the same server instead of the configured one',
    )
    .action(async (file: string, options: { database?: string }) => {
      const config = loadConfig();
      const database = await openDatabase(config, { migrate: false, log: (line) => console.error(line) });
      try {
        let target = database.adminUrl;
        if (options.database) {
          if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.database))
            throw new Error('--database: use lower-case letters, digits and _.');
          await ensureDatabase(withDatabase(database.adminUrl, 'postgres'), options.database);
          target = withDatabase(database.adminUrl, options.database);
        }
        await restoreDatabase(target, file);
        await migrate(target);
        const restored = createKysely(target, 2);
        try {
          const result = await verifyAuditChain(restored);
          const now = new Date();
          await recordAudit(
            restored,
            { actorId: null, actorEmail: 'cli:restore', organisationId: null, ip: null, now },
            {
              action: 'system.restored',
              outcome: result.ok ? 'success' : 'failure',
              details: { file: path.basename(file), auditRows: result.rows },
            },
          );
          if (!result.ok)
            throw new Error(
              `Restored, but the audit chain does not verify at row ${result.badId}: ${result.reason}.`,
            );
          console.log(
            `Restored ${path.resolve(file)}${options.database ? ` into ${options.database}` : ''}; audit chain verified (${result.rows} rows).`,
          );
        } finally {
          await restored.destroy();
        }
      } finally {
        await database.close();
      }
    });

  const keys = program.command('keys').description('Field-encryption keys');
  keys
    .command('generate')
    .description('Print a new random key for BANTAY_ENCRYPTION_KEYS or the key file')
    .action(() => {
      const { id, key } = generateKey();
      console.log(`${id}:${key}`);
      console.error(
        'Put it first in BANTAY_ENCRYPTION_KEYS (keep the old keys after it), then run `bantay keys rotate`.',
      );
    });
  keys
    .command('rotate')
    .description('Re-encrypt every encrypted value under the active key, so old keys can be removed')
    .action(async () => {
      await withPlatform(async (platform) => {
        const result = await rotateEncryptedColumns(platform.deps.db, platform.deps.cipher);
        await recordAudit(platform.deps.db, cliContext(platform).audit, {
          action: 'system.keys_rotated',
          details: { activeKey: platform.deps.cipher.activeKeyId, columns: result },
        });
        for (const column of result)
          console.log(`${column.column}: ${column.rotated} re-encrypted of ${column.total}.`);
        console.log(
          `Every value now uses key ${platform.deps.cipher.activeKeyId}; older keys can be removed from the configuration.`,
        );
      });
    });
}
