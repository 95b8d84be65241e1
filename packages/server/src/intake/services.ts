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
