import { ConfigError, loadConfig } from './platform/config';
import { startBanner, startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config, (line) => console.log(`[bantay] ${line}`));
  console.log(startBanner(config, server.url, server.app.deps.databaseKind));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[bantay] ${signal}: stopping`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
