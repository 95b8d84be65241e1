import { ORGANISATION_KINDS, OrganisationInput } from '@bantay/core/admin/schema';
import type { Command } from 'commander';
import { createOrganisation, createUnit, listOrganisations } from '../admin/organisations';
import { cliContext, withPlatform } from './context';

export function organisationCommands(program: Command): void {
  const org = program.command('org').description('Manage organisations and their units');

  org
    .command('list')
    .description('List organisations with their units')
    .action(async () => {
      await withPlatform(
        async (platform) => {
          for (const o of await listOrganisations(platform.deps.db)) {
            console.log(
              `${o.code.padEnd(18)} ${o.kind.padEnd(16)} ${o.country} ${o.disabled ? '(disabled) ' : ''}${o.name}  [${o.userCount} users]`,
            );
            for (const unit of o.units) console.log(`${' '.repeat(20)}- ${unit.name}`);
          }
        },
        { migrate: false },
      );
    });

  org
    .command('create')
    .description('Create an organisation')
    .requiredOption('--code <code>', 'short unique code, e.g. PNP-WCPC')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--kind <kind>', `one of: ${ORGANISATION_KINDS.join(', ')}`)
    .option('--country <cc>', 'ISO country code', 'PH')
    .action(async (options: { code: string; name: string; kind: string; country: string }) => {
      const input = OrganisationInput.safeParse(options);
      if (!input.success) {
        const issue = input.error.issues[0];
        throw new Error(`--${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`);
      }
      await withPlatform(async (platform) => {
        const created = await createOrganisation(cliContext(platform), input.data);
        console.log(`Created ${created.code}, id ${created.id}.`);
      });
    });

  org
    .command('add-unit <code> <name>')
    .description('Add a unit to an organisation')
    .action(async (code: string, name: string) => {
      await withPlatform(async (platform) => {
        const row = await platform.deps.db
          .selectFrom('organisation')
          .select('id')
          .where('code', '=', code.toUpperCase())
          .executeTakeFirst();
        if (!row) throw new Error(`No organisation with code ${code}.`);
        await createUnit(cliContext(platform), row.id, name.trim());
        console.log(`Added unit "${name}" to ${code.toUpperCase()}.`);
      });
    });
}
