import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

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
  /** 0x01 | kid length | kid of the active key: the start of every new ciphertext. */
  private readonly activeHeader: Buffer;

  constructor(private readonly keyring: Keyring) {
    for (const [id, key] of keyring.keys) {
      if (key.length !== KEY) throw new Error(`Encryption key "${id}" must be 32 bytes, not ${key.length}.`);
    }
    if (!keyring.keys.has(keyring.activeId))
      throw new Error(`Active encryption key "${keyring.activeId}" is missing.`);
    const kid = Buffer.from(keyring.activeId, 'utf8');
    this.activeHeader = Buffer.concat([Buffer.from([VERSION, kid.length]), kid]);
  }

  get activeKeyId(): string {
    return this.keyring.activeId;
  }

  encrypt(plaintext: string | Buffer, context: string): Buffer {
    const header = this.activeHeader;
    const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    // One allocation for the result; the key wrap and the data are sealed into it in place.
    const out = Buffer.allocUnsafe(header.length + IV + TAG + KEY + IV + TAG + data.length);
    header.copy(out, 0);
    const aad = Buffer.allocUnsafe(header.length + Buffer.byteLength(context, 'utf8'));
    header.copy(aad, 0);
    aad.write(context, header.length, 'utf8');
    const random = randomBytesFor(KEY + 2 * IV);
    const dataKey = random.subarray(0, KEY);
    const master = this.masterKey(this.keyring.activeId);
    const afterWrap = sealInto(out, header.length, master, random.subarray(KEY, KEY + IV), dataKey, aad);
    sealInto(out, afterWrap, dataKey, random.subarray(KEY + IV), data, aad);
    random.fill(0, 0, KEY);
    return out;
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

/** Writes iv | tag | ciphertext at `at` in `out`; returns the offset after it. */
function sealInto(out: Buffer, at: number, key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): number {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  iv.copy(out, at);
  let end = at + IV + TAG;
  end += cipher.update(plaintext).copy(out, end);
  end += cipher.final().copy(out, end);
  cipher.getAuthTag().copy(out, at + IV);
  return end;
}

/**
 * Random bytes for keys and IVs, drawn from the system's CSPRNG in blocks: one call per
 * block rather than three per value. Each caller gets bytes no one else got; the block is
 * zeroed as it is handed out, so a key does not linger in it.
 */
const RANDOM_BLOCK = 8192;
let randomPool = Buffer.alloc(0);
let randomAt = 0;
function randomBytesFor(n: number): Buffer {
  if (randomAt + n > randomPool.length) {
    randomPool = randomFillSync(Buffer.allocUnsafeSlow(RANDOM_BLOCK));
    randomAt = 0;
  }
  const out = Buffer.from(randomPool.subarray(randomAt, randomAt + n));
  randomPool.fill(0, randomAt, randomAt + n);
  randomAt += n;
  return out;
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
