import os from 'node:os';
import type { Actor } from '@bantay/core/access/actor';
import type { RequestContext } from '../access/request';
import { systemContext } from '../audit/record';
import { openPlatform, type Platform } from '../platform/bootstrap';
import { loadConfig } from '../platform/config';

/** The command line acts as a platform administrator, recorded in the audit log by OS user. */
const CLI_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'cli',
  role: 'admin',
  organisationId: '00000000-0000-0000-0000-000000000000',
  organisationKind: 'national_centre',
  organisationCode: 'CLI',
  unitId: null,
};

export function cliContext(platform: Platform): RequestContext {
  const now = platform.deps.clock();
  return {
    deps: platform.deps,
    actor: CLI_ACTOR,
    audit: systemContext(now, `cli:${os.userInfo().username}`),
  };
}

/** Opens the configured database (starting the embedded one if no Bantay runs it), runs fn, closes. */
export async function withPlatform<T>(
  fn: (platform: Platform) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const platform = await openPlatform(loadConfig(), {
    migrate: options.migrate ?? true,
    log: (line) => console.error(line),
  });
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}

/** Reads a secret without echo when on a terminal, else one line from stdin. */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          cleanup();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          cleanup();
          reject(new Error('cancelled'));
          return;
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    const cleanup = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}
