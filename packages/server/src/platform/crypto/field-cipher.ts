import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM envelope encryption for sensitive columns. Each value gets its own random
 * data key, wrapped by a master key named in the ciphertext, so master keys can rotate
 * (re-wrap) and an old key can be removed once nothing names it. The caller's context
 * (table, column, record id) is bound as associated data: a ciphertext copied onto another
 * record does not decrypt.
 *
 * Layout: 0x01 | kid length | kid | wrap iv(12) | wrapped key(32) | wrap tag(16) | iv(12) | tag(16) | data
 */
const VERSION = 0x01;
const IV = 12;
const TAG = 16;
const KEY = 32;

export type Keyring = { activeId: string; keys: ReadonlyMap<string, Buffer> };

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Decryption failed: ${reason}`);
    this.name = 'DecryptionError';
  }
}

export class FieldCipher {
  constructor(private readonly keyring: Keyring) {
    for (const [id, key] of keyring.keys) {
      if (key.length !== KEY) throw new Error(`Encryption key "${id}" must be 32 bytes, not ${key.length}.`);
    }
    if (!keyring.keys.has(keyring.activeId))
      throw new Error(`Active encryption key "${keyring.activeId}" is missing.`);
  }

  get activeKeyId(): string {
    return this.keyring.activeId;
  }

  encrypt(plaintext: string | Buffer, context: string): Buffer {
    const kid = Buffer.from(this.keyring.activeId, 'utf8');
    const header = Buffer.concat([Buffer.from([VERSION, kid.length]), kid]);
    const aad = Buffer.concat([header, Buffer.from(context, 'utf8')]);
    const dataKey = randomBytes(KEY);
    const wrapped = seal(this.masterKey(this.keyring.activeId), dataKey, aad);
    const sealed = seal(
      dataKey,
      typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext,
      aad,
    );
    return Buffer.concat([header, wrapped, sealed]);
  }

  decrypt(ciphertext: Buffer, context: string): Buffer {
    const { kid, header, wrapped, sealed } = parse(ciphertext);
    const aad = Buffer.concat([header, Buffer.from(context, 'utf8')]);
    const dataKey = open(this.masterKey(kid), wrapped, aad, 'key wrap');
    return open(dataKey, sealed, aad, 'data');
  }

  decryptString(ciphertext: Buffer, context: string): string {
    return this.decrypt(ciphertext, context).toString('utf8');
  }

  /** The id of the master key a ciphertext was made with. */
  keyIdOf(ciphertext: Buffer): string {
    return parse(ciphertext).kid;
  }

  /** Re-encrypts under the active key; returns null when it already uses it. */
  rotate(ciphertext: Buffer, context: string): Buffer | null {
    if (this.keyIdOf(ciphertext) === this.keyring.activeId) return null;
    return this.encrypt(this.decrypt(ciphertext, context), context);
  }

  private masterKey(id: string): Buffer {
    const key = this.keyring.keys.get(id);
    if (!key) throw new DecryptionError(`master key "${id}" is not configured`);
    return key;
  }
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer, what: string): Buffer {
  if (sealed.length < IV + TAG) throw new DecryptionError(`${what} is truncated`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
  } catch {
    throw new DecryptionError(
      `${what} failed authentication (tampered, truncated, or the wrong key or record)`,
    );
  }
}

function parse(ciphertext: Buffer): { kid: string; header: Buffer; wrapped: Buffer; sealed: Buffer } {
  if (ciphertext.length < 2 || ciphertext[0] !== VERSION)
    throw new DecryptionError('unknown ciphertext version');
  const kidLength = ciphertext[1] ?? 0;
  const headerLength = 2 + kidLength;
  const wrappedLength = IV + KEY + TAG;
  if (ciphertext.length < headerLength + wrappedLength + IV + TAG)
    throw new DecryptionError('ciphertext is truncated');
  return {
    kid: ciphertext.subarray(2, headerLength).toString('utf8'),
    header: ciphertext.subarray(0, headerLength),
    wrapped: ciphertext.subarray(headerLength, headerLength + wrappedLength),
    sealed: ciphertext.subarray(headerLength + wrappedLength),
  };
}
