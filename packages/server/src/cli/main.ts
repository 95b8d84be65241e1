import { Command } from 'commander';
import { ConfigError } from '../platform/config';
import { intakeCommands } from './intake';
import { organisationCommands } from './organisations';
import { systemCommands } from './system';
import { userCommands } from './users';

const program = new Command('bantay')
  .description(
    'Bantay: command line for operators. Reads the same environment variables as the server (see README).',
  )
  .showHelpAfterError();

program
  .command('start')
  .description('Start the platform (same as `npm start` without building the web app)')
  .action(async () => {
    await import('../main');
  });

systemCommands(program);
userCommands(program);
organisationCommands(program);
intakeCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(
    `bantay: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
