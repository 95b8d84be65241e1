import { UserCreateInput } from '@bantay/core/admin/schema';
import { isRole, ROLES } from '@bantay/core/access/roles';
import type { Command } from 'commander';
import { changeUserState, createUser, listUsers, type UserAction } from '../admin/users';
import { cliContext, readSecret, withPlatform } from './context';

export function userCommands(program: Command): void {
  const user = program.command('user').description('Manage user accounts');

  user
    .command('create')
    .description('Create a user; the password is read from stdin or asked for without echo')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .requiredOption('--org <code>', 'organisation code, e.g. DEMO-WCPC')
    .option('--unit <name>', 'unit within the organisation')
    .action(async (options: { email: string; name: string; role: string; org: string; unit?: string }) => {
      if (!isRole(options.role))
        throw new Error(`--role: "${options.role}" is not a role; use one of ${ROLES.join(', ')}.`);
      const password = await readSecret('Initial password (12+ characters): ');
      await withPlatform(async (platform) => {
        const { db } = platform.deps;
        const org = await db
          .selectFrom('organisation')
          .select('id')
          .where('code', '=', options.org.toUpperCase())
          .executeTakeFirst();
        if (!org)
          throw new Error(`--org: no organisation with code ${options.org}; see \`bantay org list\`.`);
        const unit = options.unit
          ? await db
              .selectFrom('unit')
              .select('id')
              .where('organisation_id', '=', org.id)
              .where('name', '=', options.unit)
              .executeTakeFirst()
          : undefined;
        if (options.unit && !unit)
          throw new Error(`--unit: ${options.org} has no unit named "${options.unit}".`);
        const input = UserCreateInput.safeParse({
          email: options.email,
          displayName: options.name,
          role: options.role,
          organisationId: org.id,
          unitId: unit?.id ?? null,
          password,
        });
        if (!input.success) {
          const issue = input.error.issues[0];
          throw new Error(`--${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`);
        }
        const created = await createUser(cliContext(platform), input.data);
        console.log(
          `Created ${created.email} (${created.role}, ${created.organisation.code}), id ${created.id}.`,
        );
      });
    });

  user
    .command('list')
    .description('List users')
    .option('--org <code>', 'only this organisation')
    .action(async (options: { org?: string }) => {
      await withPlatform(
        async (platform) => {
          const users = await listUsers(cliContext(platform), {});
          for (const u of users.filter(
            (x) => !options.org || x.organisation.code === options.org.toUpperCase(),
          )) {
            console.log(
              `${u.email.padEnd(40)} ${u.role.padEnd(18)} ${u.organisation.code.padEnd(18)} ${u.status}${u.mfaEnabled ? ' mfa' : ''}`,
            );
          }
        },
        { migrate: false },
      );
    });

  for (const [name, action, description] of [
    ['disable', 'disable', 'Disable an account and end all its sessions'],
    ['enable', 'enable', 'Re-enable a disabled account'],
    ['unlock', 'unlock', 'Unlock an account locked by failed sign-ins'],
    ['reset-mfa', 'reset-mfa', 'Remove the second factor so the user enrols again'],
  ] as const satisfies readonly (readonly [string, UserAction, string])[]) {
    user
      .command(`${name} <email>`)
      .description(description)
      .action(async (email: string) => {
        await withPlatform(async (platform) => {
          const row = await platform.deps.db
            .selectFrom('app_user')
            .select('id')
            .where('email', '=', email.toLowerCase())
            .executeTakeFirst();
          if (!row) throw new Error(`No user with e-mail ${email}.`);
          const result = await changeUserState(cliContext(platform), row.id, action);
          console.log(`${result.email}: ${result.status}${result.mfaEnabled ? ', mfa on' : ''}.`);
        });
      });
  }
}
