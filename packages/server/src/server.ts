import type { FastifyInstance } from 'fastify';
import { pruneAuthTables } from './auth/service';
import { DEMO_PASSWORD, DEMO_USERS, demoEmail } from './demo/seed';
import { DEMO_AFTERCARE_SUPERVISOR } from './demo/aftercare';
import { seedDemoData } from './demo/all';
import { listenForHashSets } from './intake/services';
import { openPlatform } from './platform/bootstrap';
import type { Config } from './platform/config';
import { buildApp } from './platform/http/app';
import { RECENCY_INTERVAL_MS, rescoreFaded } from './triage/recency';

export type RunningServer = { app: FastifyInstance; url: string; stop(): Promise<void> };

/**
 * Starts the whole platform: database (embedded unless DATABASE_URL), migrations, demo
 * data when enabled, then HTTP. stop() closes HTTP first so requests in flight finish,
 * then the database.
 */
export async function startServer(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<RunningServer> {
  const platform = await openPlatform(config, { log });
  try {
    if (config.demo) {
      const seeded = await seedDemoData(platform.deps);
      if (seeded.reports) log(`seeded ${seeded.reports} synthetic demo reports`);
      if (seeded.cases) log(`seeded ${seeded.cases} demo cases`);
      if (seeded.survivors) log(`seeded ${seeded.survivors} synthetic survivor records`);
      if (seeded.courtReady) log('seeded a synthetic investigation ready for court');
    }
    const { app } = await buildApp(platform.deps);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
    const stopListening = await listenForHashSets(platform.deps, log);
    const prune = setInterval(
      () => void pruneAuthTables(platform.deps, new Date()).catch(() => undefined),
      3_600_000,
    );
    prune.unref();
    let fading: Promise<void> = Promise.resolve();
    const fade = () => {
      fading = rescoreFaded(platform.deps).then(
        (run) => {
          if (run?.rescored) log(`recency: ${run.rescored} open reports scored again as they aged`);
        },
        (error: unknown) => log(`recency rescoring failed: ${String(error)}`),
      );
    };
    // Once at start (scores may have aged while the server was down), then every hour.
    const firstFade = setTimeout(fade, 0);
    const hourly = setInterval(fade, RECENCY_INTERVAL_MS);
    hourly.unref();
    return {
      app,
      url,
      stop: async () => {
        clearTimeout(firstFade);
        clearInterval(hourly);
        clearInterval(prune);
        await app.close();
        await fading;
        await stopListening();
        await platform.close();
      },
    };
  } catch (error) {
    await platform.close();
    throw error;
  }
}

export function startBanner(config: Config, url: string, databaseKind: string): string {
  const lines = [
    '',
    `  Bantay is running at ${url}`,
    `  Database: ${databaseKind === 'embedded' ? `embedded PostgreSQL 15 in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
    `  API documentation: ${url}/api/docs`,
  ];
  if (config.demo) {
    lines.push('', `  Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) lines.push(`    ${demoEmail(user.role).padEnd(42)} ${user.name}`);
    lines.push(`    ${DEMO_AFTERCARE_SUPERVISOR.email.padEnd(42)} ${DEMO_AFTERCARE_SUPERVISOR.name}`);
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  return lines.join('\n');
}
