import { IpLocator } from '../geo/ip-location';
import { PsgcDirectory } from '../geo/psgc';
import type { AppDeps } from '../platform/deps';
import { getTriageSettings } from '../triage/settings';
import { KnownContent } from './known-content';
import type { IntakeServices } from './pipeline';

/** Loaded once per process: IP database, PSGC directory, PDQ index. */
let ipLocator: Promise<IpLocator> | undefined;

export async function openIntakeServices(deps: AppDeps): Promise<IntakeServices> {
  ipLocator ??= IpLocator.open();
  const [locator, psgc, knownContent] = await Promise.all([
    ipLocator,
    PsgcDirectory.load(deps.db),
    new KnownContent().load(deps.db),
  ]);
  return {
    prepare: { locator, psgc },
    knownContent,
    settings: async () => {
      const settings = await getTriageSettings(deps.db);
      return {
        weights: settings.weights,
        hubThreshold: settings.hubThreshold,
        hubFanout: settings.hubFanout,
        ipWindowMs: settings.ipWindowHours * 3_600_000,
      };
    },
  };
}

const loadedServices = new WeakMap<AppDeps, Promise<IntakeServices>>();

/** The intake services of a process, loaded on first use and shared. */
export function intakeServices(deps: AppDeps): Promise<IntakeServices> {
  let loaded = loadedServices.get(deps);
  if (!loaded) loadedServices.set(deps, (loaded = openIntakeServices(deps)));
  return loaded;
}

export const KNOWN_CONTENT_CHANNEL = 'bantay_known_content';

/**
 * Keeps this process's PDQ index current when another process (the CLI) imports a hash
 * set: it NOTIFYs, we reload. Returns a stop function that releases the connection.
 */
export async function listenForHashSets(
  deps: AppDeps,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const client = await deps.pool.connect();
  client.on('notification', () => {
    const loaded = loadedServices.get(deps);
    if (!loaded) return;
    void loaded
      .then((services) => services.knownContent.load(deps.db))
      .then((known) => log(`known-content index reloaded: ${known.pdqCount} PDQ hashes`))
      .catch((error: unknown) => log(`known-content reload failed: ${String(error)}`));
  });
  await client.query(`LISTEN ${KNOWN_CONTENT_CHANNEL}`);
  return async () => {
    await client.query(`UNLISTEN ${KNOWN_CONTENT_CHANNEL}`).catch(() => undefined);
    client.release();
  };
}
