import { z } from 'zod';

// Imported first by main.tsx (the build keeps source execution order across chunks): Zod compiles fast parsers with
// `new Function` and probes for it when a schema is created; under the app's CSP (no eval)
// the probe is refused and reported as a violation. Jitless mode skips the probe.
z.config({ jitless: true });
