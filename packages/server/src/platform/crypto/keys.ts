import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config';
import type { Keyring } from './field-cipher';

const KeyFile = z.object({
  /** The key id new ciphertexts are made with. */
  active: z.string().min(1).max(64),
  /** Every key still needed to decrypt, by id: 32 bytes in base64. */
  keys: z.record(z.string(), z.string()),
});

/** A new random key id and key, in the forms the configuration takes. */
export function generateKey(now = new Date()): { id: string; key: string } {
  const id = `k${now.toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(2).toString('hex')}`;
  return { id, key: randomBytes(32).toString('base64') };
}

/**
 * The keyring from BANTAY_ENCRYPTION_KEYS, BANTAY_ENCRYPTION_KEY_FILE, or (outside
 * production only) a key generated once into the data directory.
 */
export function loadKeyring(config: Config): Keyring {
  if (config.encryption.keys) return parseKeyList(config.encryption.keys);
  if (config.encryption.keyFile) return readKeyFile(config.encryption.keyFile);
  if (config.env === 'production') throw new Error('No encryption key configured.');
  const file = path.join(config.dataDir, 'field-keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const { id, key } = generateKey();
    fs.writeFileSync(file, JSON.stringify({ active: id, keys: { [id]: key } }, null, 2), {
      mode: 0o600,
      flag: 'wx',
    });
  }
  return readKeyFile(file);
}

function parseKeyList(value: string): Keyring {
  const entries = value.split(',').map((part, index) => {
    const [id, key] = part.trim().split(':');
    if (!id || !key) throw new Error(`BANTAY_ENCRYPTION_KEYS entry ${index + 1}: use "id:base64key".`);
    return [id, decodeKey(key, `BANTAY_ENCRYPTION_KEYS entry ${index + 1} ("${id}")`)] as const;
  });
  const first = entries[0];
  if (!first) throw new Error('BANTAY_ENCRYPTION_KEYS is empty.');
  return { activeId: first[0], keys: new Map(entries) };
}

function readKeyFile(file: string): Keyring {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Encryption key file ${file} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = KeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Encryption key file ${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const keys = new Map(
    Object.entries(parsed.data.keys).map(([id, key]) => [id, decodeKey(key, `${file} key "${id}"`)] as const),
  );
  if (!keys.has(parsed.data.active))
    throw new Error(`Encryption key file ${file}: active key "${parsed.data.active}" is not in keys.`);
  return { activeId: parsed.data.active, keys };
}

function decodeKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`${where}: the key must be 32 bytes in base64 (44 characters).`);
  return key;
}
