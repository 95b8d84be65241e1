import { randomBytes } from 'node:crypto';
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
});
