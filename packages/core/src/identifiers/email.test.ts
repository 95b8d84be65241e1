import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_EMAILS } from './email';
import { normaliseIdentifier } from './normalise';
import { type NormalisedIdentifier, isRejection } from './types';

const email = (value: string): NormalisedIdentifier => {
  const result = normaliseIdentifier({ kind: 'email', value });
  if (isRejection(result)) throw new Error(result.reason);
  return result;
};
const rejectionOf = (value: string): string => {
  const result = normaliseIdentifier({ kind: 'email', value });
  return isRejection(result) ? result.reason : `accepted as ${result.value}`;
};

describe('e-mail normalisation', () => {
  it.each([
    ['plain', 'juan.prueba@example.test', 'juan.prueba@example.test', 'juan.prueba@example.test'],
    [
      'upper case and spaces',
      '  Juan.Prueba@Example.TEST ',
      'juan.prueba@example.test',
      'juan.prueba@example.test',
    ],
    [
      'angle brackets',
      '<maria.halimbawa@example.org>',
      'maria.halimbawa@example.org',
      'maria.halimbawa@example.org',
    ],
    ['display name', 'Maria Halimbawa <maria@example.org>', 'maria@example.org', 'maria@example.org'],
    [
      'mailto with a subject',
      'mailto:Maria@Example.org?subject=hi',
      'maria@example.org',
      'maria@example.org',
    ],
    ['a root dot after the domain', 'juan@example.test.', 'juan@example.test', 'juan@example.test'],
    [
      'IDN domain to punycode',
      'juan@bücher.example',
      'juan@xn--bcher-kva.example',
      'juan@xn--bcher-kva.example',
    ],
    [
      'Gmail: dots and +tag dropped from the key',
      'Juan.Prueba+pasabay@gmail.com',
      'juan.prueba+pasabay@gmail.com',
      'juanprueba@gmail.com',
    ],
    [
      'Googlemail is Gmail',
      'juan.prueba@googlemail.com',
      'juan.prueba@googlemail.com',
      'juanprueba@gmail.com',
    ],
    [
      'Outlook: +tag dropped, dots kept',
      'juan.prueba+x@outlook.com',
      'juan.prueba+x@outlook.com',
      'juan.prueba@outlook.com',
    ],
    ['Hotmail ccTLD', 'juan+x@hotmail.co.uk', 'juan+x@hotmail.co.uk', 'juan@hotmail.co.uk'],
    ['Live', 'juan+x@live.com', 'juan+x@live.com', 'juan@live.com'],
    ['MSN', 'juan+x@msn.com', 'juan+x@msn.com', 'juan@msn.com'],
    [
      'Yahoo Philippines: -tag dropped',
      'juan.prueba-benta@yahoo.com.ph',
      'juan.prueba-benta@yahoo.com.ph',
      'juan.prueba@yahoo.com.ph',
    ],
    ['Yahoo keeps + as written', 'juan+x@yahoo.com', 'juan+x@yahoo.com', 'juan+x@yahoo.com'],
    ['ymail is Yahoo', 'juan-x@ymail.com', 'juan-x@ymail.com', 'juan@ymail.com'],
    ['iCloud', 'juan+x@icloud.com', 'juan+x@icloud.com', 'juan@icloud.com'],
    ['me.com', 'juan+x@me.com', 'juan+x@me.com', 'juan@me.com'],
    [
      'Proton: +tag dropped, dots kept',
      'juan.prueba+x@proton.me',
      'juan.prueba+x@proton.me',
      'juan.prueba@proton.me',
    ],
    ['pm.me', 'juan+x@pm.me', 'juan+x@pm.me', 'juan@pm.me'],
    [
      'an unknown provider keeps + and dots',
      'juan.prueba+x@example.test',
      'juan.prueba+x@example.test',
      'juan.prueba+x@example.test',
    ],
    ['a tag alone is not dropped to nothing', '+x@gmail.com', '+x@gmail.com', '+x@gmail.com'],
  ])('%s: %s', (_case, input, value, matchKey) => {
    const id = email(input);
    expect(id).toMatchObject({ kind: 'email', value, matchKey, raw: input, flags: [] });
  });

  it.each([
    ['n/a', 'N/A'],
    ['a curated stand-in address', 'NoEmail@Gmail.com'],
    ['test@test.com', 'test@test.com'],
    ['none@none.com', ' none@none.com '],
  ])('flags %s as a placeholder', (_case, input) => {
    expect(email(input).flags).toEqual(['placeholder']);
  });

  it('keeps synthetic example.* and .test domains unflagged', () => {
    expect(email('test@example.com').flags).toEqual([]);
    expect(email('noone@bantay.test').flags).toEqual([]);
  });

  it('keeps every curated placeholder in lower case so lookups match', () => {
    for (const placeholder of PLACEHOLDER_EMAILS) expect(placeholder).toBe(placeholder.toLowerCase());
  });

  it.each([
    ['', 'email: the value is empty'],
    ['juan.example.test', "email: 'juan.example.test' has no '@'"],
    ['@example.test', "email: '@example.test' has an empty, too long or malformed part before '@'"],
    [
      'juan prueba@example.test',
      "email: 'juan prueba@example.test' has an empty, too long or malformed part before '@'",
    ],
    ['juan@', "email: 'juan@' has no valid domain after '@'"],
    ['juan@localhost', "email: 'juan@localhost' has no valid domain after '@'"],
    ['juan@example..test', "email: 'juan@example..test' has no valid domain after '@'"],
    ['juan@-bad.test', "email: 'juan@-bad.test' has no valid domain after '@'"],
    ['juan@203.0.113.5', "email: 'juan@203.0.113.5' has no valid domain after '@'"],
  ])('rejects %j', (input, reason) => {
    expect(rejectionOf(input)).toBe(reason);
  });

  const gmailLocal = fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/);
  const tag = fc.stringMatching(/^[a-z0-9]{1,8}$/);

  it('gives one Gmail key whatever the case, dots and +tag', () => {
    fc.assert(
      fc.property(
        gmailLocal,
        tag,
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.boolean(),
        (local, plus, dots, upper) => {
          const dotted = dots.reduce((text, at) => {
            const index = 1 + (at % (text.length - 1));
            return `${text.slice(0, index)}.${text.slice(index)}`;
          }, local);
          const written = `${dotted}+${plus}@${upper ? 'GoogleMail.com' : 'gmail.com'}`;
          const shown = upper ? written.toUpperCase() : written;
          expect(email(shown).matchKey).toBe(`${local}@gmail.com`);
        },
      ),
    );
  });
});
