import { userWithRole } from './support/users';
import { benchPlatform } from './support/database';
import { buildApp } from '../packages/server/src/platform/http/app';
import { percentile, type Benchmark } from './support/report';

const REQUESTS = 4_000;
const CONCURRENCY = 16;

/**
 * Authenticated API requests (cookie → session lookup, idle and absolute checks, role
 * permission) through real HTTP. Baseline: the public health check, which does one
 * database round trip and no session work, in the same run.
 */
export const benchmark: Benchmark = {
  name: 'session',
  description: 'signed-in GET /api/me per second vs GET /api/health',
  async run() {
    const platform = await benchPlatform();
    const { app } = await buildApp(platform.deps, { webDist: null, logger: false });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const user = await userWithRole(platform.deps, 'investigator');
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bantay-request': '1' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      });
      const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';

      const load = async (url: string, headers: Record<string, string>) => {
        const latencies: number[] = [];
        const started = performance.now();
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < REQUESTS) {
              next += 1;
              const t = performance.now();
              const response = await fetch(url, { headers });
              await response.arrayBuffer();
              if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
              latencies.push(performance.now() - t);
            }
          }),
        );
        return { rate: REQUESTS / ((performance.now() - started) / 1000), p99: percentile(latencies, 99) };
      };
      await load(`${base}/api/health`, {});
      const baseline = await load(`${base}/api/health`, {});
      const ours = await load(`${base}/api/me`, { cookie });
      return {
        name: 'session',
        value: ours.rate,
        baseline: baseline.rate,
        unit: 'requests/s',
        notes: [
          `p99 /api/me ${ours.p99.toFixed(1)} ms, /api/health ${baseline.p99.toFixed(1)} ms (${REQUESTS} requests, ${CONCURRENCY} concurrent)`,
        ],
      };
    } finally {
      await app.close();
      await platform.dispose();
    }
  },
};
