import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, FieldCipher } from './field-cipher';

const key = () => randomBytes(32);

describe('field encryption', () => {
  const old = key();
  const cipher = new FieldCipher({ activeId: 'k1', keys: new Map([['k1', old]]) });

  it('round-trips text and names the key it used', () => {
    const sealed = cipher.encrypt('Juana dela Prueba', 'survivor.identity:1');
    expect(sealed.includes(Buffer.from('Juana'))).toBe(false);
    expect(cipher.decryptString(sealed, 'survivor.identity:1')).toBe('Juana dela Prueba');
    expect(cipher.keyIdOf(sealed)).toBe('k1');
  });

  it('fails loudly when any byte is flipped', () => {
    const sealed = cipher.encrypt('secret', 'ctx');
    for (const index of [0, 1, 5, 20, 50, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() => cipher.decrypt(tampered, 'ctx'), `byte ${index}`).toThrow(DecryptionError);
    }
  });

  it('refuses a ciphertext moved to another record (context is bound)', () => {
    const sealed = cipher.encrypt('secret', 'survivor.identity:1');
    expect(() => cipher.decrypt(sealed, 'survivor.identity:2')).toThrow(DecryptionError);
  });

  it('rotates to a new active key; then the old key is no longer needed', () => {
    const sealed = cipher.encrypt('secret', 'ctx');
    const next = new FieldCipher({
      activeId: 'k2',
      keys: new Map([
        ['k2', key()],
        ['k1', old],
      ]),
    });
    const rotated = next.rotate(sealed, 'ctx');
    expect(rotated).not.toBeNull();
    expect(next.rotate(rotated!, 'ctx')).toBeNull();
    const withoutOld = new FieldCipher({
      activeId: 'k2',
      keys: new Map([['k2', next['keyring'].keys.get('k2')!]]),
    });
    expect(withoutOld.decryptString(rotated!, 'ctx')).toBe('secret');
    expect(() => withoutOld.decrypt(sealed, 'ctx')).toThrow(/master key "k1" is not configured/);
  });

  it('refuses a key of the wrong size and a missing active key', () => {
    expect(() => new FieldCipher({ activeId: 'a', keys: new Map([['a', randomBytes(16)]]) })).toThrow(
      /32 bytes/,
    );
    expect(() => new FieldCipher({ activeId: 'b', keys: new Map([['a', key()]]) })).toThrow(/missing/);
  });

  it('seals many values under one wrapped data key, each bound to its own context', () => {
    const first = cipher.encrypt('one', 'report_document.content:1');
    const second = cipher.encrypt('two', 'report_document.content:2');
    const header = 2 + 'k1'.length;
    const wrap = (sealed: Buffer) => sealed.subarray(header, header + 60);
    expect(wrap(first).equals(wrap(second))).toBe(true);
    // Each value has its own IV, and its context is bound in its own seal.
    expect(first.subarray(header + 60, header + 72).equals(second.subarray(header + 60, header + 72))).toBe(
      false,
    );
    expect(cipher.decryptString(second, 'report_document.content:2')).toBe('two');
    expect(() => cipher.decrypt(second, 'report_document.content:1')).toThrow(DecryptionError);
  });

  it('seals into a reused buffer on request, each value as encrypt does, valid until the next', () => {
    const small = Buffer.from('a short document');
    const large = Buffer.alloc(40_000, 7); // past the reused buffer's first size: it grows
    const first = cipher.encryptTransient(small, 'report_document.content:1');
    const kept = Buffer.from(first);
    expect(cipher.decrypt(kept, 'report_document.content:1').equals(small)).toBe(true);
    const second = cipher.encryptTransient(large, 'report_document.content:2');
    expect(cipher.decrypt(Buffer.from(second), 'report_document.content:2').equals(large)).toBe(true);
    expect(() => cipher.decrypt(Buffer.from(second), 'report_document.content:1')).toThrow(DecryptionError);
    // The same length as encrypt's, and a fresh IV: no two values share a seal.
    expect(second.length).toBe(cipher.encrypt(large, 'x').length);
    const third = cipher.encryptTransient(small, 'report_document.content:1');
    expect(third.length).toBe(kept.length);
    expect(third.equals(kept)).toBe(false);
    expect(cipher.decrypt(third, 'report_document.content:1').equals(small)).toBe(true);
  });

  it('draws a new data key after 65 536 values', () => {
    const fresh = new FieldCipher({ activeId: 'k1', keys: new Map([['k1', old]]) });
    const wrapOf = (sealed: Buffer) => sealed.subarray(4, 64).toString('hex');
    const wraps = new Set<string>();
    for (let n = 0; n < 65_537; n += 1) wraps.add(wrapOf(fresh.encrypt('x', `ctx:${n}`)));
    expect(wraps.size).toBe(2);
  });

  it('still decrypts version 1, where every value had a data key of its own', () => {
    // Built here as version 1 wrote it: the key wrap bound to the context too.
    const header = Buffer.from([0x01, 2, ...Buffer.from('k1')]);
    const aad = Buffer.concat([header, Buffer.from('ctx:7')]);
    const seal = (key: Buffer, plaintext: Buffer) => {
      const iv = randomBytes(12);
      const gcm = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
      const body = Buffer.concat([gcm.update(plaintext), gcm.final()]);
      return Buffer.concat([iv, gcm.getAuthTag(), body]);
    };
    const dataKey = randomBytes(32);
    const sealedKey = seal(old, dataKey);
    // Version 1 kept the wrap as iv | tag | wrapped key.
    const v1 = Buffer.concat([header, sealedKey, seal(dataKey, Buffer.from('legacy'))]);
    expect(cipher.decryptString(v1, 'ctx:7')).toBe('legacy');
    expect(() => cipher.decrypt(v1, 'ctx:8')).toThrow(DecryptionError);
  });
});
