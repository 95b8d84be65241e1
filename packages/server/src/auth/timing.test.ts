import { afterAll, beforeAll, expect, it } from 'vitest';
import { testServer, userWithRole, type TestServer } from '../../test/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => server.close());

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// A security property, not a speed goal: an attacker must not tell by the clock whether an
// account exists. Both paths verify an argon2 hash; the medians stay within 50 ms.
it('takes as long to refuse an unknown account as a wrong password (median within 50 ms)', async () => {
  const user = await userWithRole(server.deps, 'trainer');
  const unknown: number[] = [];
  const wrong: number[] = [];
  for (let i = 0; i < 24; i += 1) {
    const client = server.client();
    // Fresh accounts stay below the lockout: four failures each.
    const target = i % 4 === 0 && i > 0 ? await userWithRole(server.deps, 'trainer') : user;
    for (const [email, samples] of [
      [`nobody.${i}@example.test`, unknown],
      [target.email, wrong],
    ] as const) {
      const started = performance.now();
      const response = await client.signIn(email, `wrong password number ${i}`);
      samples.push(performance.now() - started);
      expect(response.body).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
    if (i % 4 === 3) await server.deps.db.deleteFrom('login_failure').execute();
  }
  expect(Math.abs(median(unknown) - median(wrong))).toBeLessThan(50);
});
