import { describe, expect, it } from 'vitest';
import type { IdentifierKind } from '../intake/report';
import { usernameFromProfileUrl } from './account';
import { normaliseIdentifier } from './normalise';
import { normalisePlatform } from './platform';
import { type NormalisedIdentifier, isRejection } from './types';

const account = (kind: IdentifierKind, value: string, platform?: string): NormalisedIdentifier => {
  const result = normaliseIdentifier({ kind, value, ...(platform === undefined ? {} : { platform }) });
  if (isRejection(result)) throw new Error(result.reason);
  return result;
};
const rejectionOf = (kind: IdentifierKind, value: string): string => {
  const result = normaliseIdentifier({ kind, value });
  return isRejection(result) ? result.reason : `accepted as ${result.value}`;
};

describe('platform names', () => {
  it.each([
    ['fb', 'facebook'],
    ['Facebook', 'facebook'],
    ['facebook.com', 'facebook'],
    ['https://www.facebook.com/', 'facebook'],
    ['Meta Facebook', 'facebook'],
    ['Facebook, Inc.', 'facebook'],
    ['Messenger', 'facebook'],
    ['m.facebook.com', 'facebook'],
    ['IG', 'instagram'],
    ['instagram.com', 'instagram'],
    ['Instagram, Inc.', 'instagram'],
    ['TikTok Inc.', 'tiktok'],
    ['X Corp.', 'x'],
    ['Twitter, Inc.', 'x'],
    ['twitter.com', 'x'],
    ['X (formerly Twitter)', 'x'],
    ['Telegram', 'telegram'],
    ['t.me', 'telegram'],
    ['Rakuten Viber', 'viber'],
    ['WhatsApp Inc.', 'whatsapp'],
    ['Snap Inc.', 'snapchat'],
    ['Discord Inc.', 'discord'],
    ['Roblox Corporation', 'roblox'],
    ['Omegle.com LLC', 'omegle'],
    ['Kik', 'kik'],
    ['Skype', 'skype'],
    ['Yahoo! Inc', 'yahoo'],
    ['Google LLC', 'google'],
    ['GCash', 'gcash'],
    ['G-Cash', 'gcash'],
    ['PayMaya', 'maya'],
    ['Maya', 'maya'],
    ['Western Union', 'western_union'],
    ['Remitly', 'remitly'],
    ['Ria Money Transfer', 'ria'],
    ['MoneyGram', 'moneygram'],
    ['TransferWise', 'wise'],
    ['PayPal', 'paypal'],
    ['Palawan Express', 'palawan_express'],
    ['  Acme Chat, Inc. ', 'acme chat'],
    ['BDO Unibank', 'bdo unibank'],
    ['chat.example.test', 'chat.example.test'],
  ])('%j → %s', (name, key) => {
    expect(normalisePlatform(name)).toBe(key);
  });

  it('treats a blank platform as none', () => {
    expect(normalisePlatform('  ')).toBeUndefined();
    expect(normalisePlatform(undefined)).toBeUndefined();
  });
});

describe('usernames', () => {
  it.each([
    ['a handle with @', '@Juan.Prueba', 'Instagram', 'Juan.Prueba', 'instagram:juan.prueba'],
    ['spaces around', '  juan_prueba  ', 'tiktok', 'juan_prueba', 'tiktok:juan_prueba'],
    ['full-width letters (NFKC)', 'ｊｕａｎ', 'fb', 'juan', 'facebook:juan'],
    ['a zero-width space pasted in', 'juan\u200bprueba', 'x', 'juanprueba', 'x:juanprueba'],
    ['a display name with inner spaces', 'Juan   Prueba', 'Facebook', 'Juan Prueba', 'facebook:juan prueba'],
    ['a Skype live id', 'live:.cid.4a5b6c', 'Skype', 'live:.cid.4a5b6c', 'skype:live:.cid.4a5b6c'],
    ['no platform', 'Juan.Prueba', undefined, 'Juan.Prueba', 'unknown:juan.prueba'],
    ['an unknown platform', 'juan', 'Acme Chat', 'juan', 'acme chat:juan'],
  ])('%s: %j on %s', (_case, input, platform, value, matchKey) => {
    expect(account('username', input, platform)).toMatchObject({
      kind: 'username',
      value,
      matchKey,
      flags: [],
    });
  });

  it('keeps the platform key on the identifier, and none when none was given', () => {
    expect(account('username', 'juan', 'IG').platform).toBe('instagram');
    expect(account('username', 'juan').platform).toBeUndefined();
  });

  it('rejects a username that is only an @', () => {
    expect(rejectionOf('username', ' @ ')).toBe("username: ' @ ' is empty once '@' and spaces are removed");
  });
});

describe('platform user ids', () => {
  it('compares ids exactly, scoped by platform', () => {
    expect(account('esp_user_id', ' 100012345678901 ', 'Facebook')).toMatchObject({
      value: '100012345678901',
      matchKey: 'facebook:100012345678901',
      platform: 'facebook',
    });
    expect(account('esp_user_id', 'AbC123', 'tiktok').matchKey).toBe('tiktok:AbC123');
    expect(account('esp_user_id', '555').matchKey).toBe('unknown:555');
  });

  it('rejects an empty id', () => {
    expect(rejectionOf('esp_user_id', '  ')).toBe('esp_user_id: the value is empty');
  });
});

describe('profile URLs', () => {
  it.each([
    [
      'www and a trailing slash',
      'https://www.facebook.com/juan.prueba/',
      'https://facebook.com/juan.prueba',
      'facebook:/juan.prueba',
    ],
    [
      'mobile site, tracking query',
      'https://m.facebook.com/Juan.Prueba?ref=bookmarks&mibextid=abc',
      'https://facebook.com/Juan.Prueba',
      'facebook:/juan.prueba',
    ],
    [
      'web. prefix and fragment',
      'http://web.facebook.com/juan.prueba#posts',
      'https://facebook.com/juan.prueba',
      'facebook:/juan.prueba',
    ],
    ['no scheme', 'facebook.com/juan.prueba', 'https://facebook.com/juan.prueba', 'facebook:/juan.prueba'],
    [
      'numeric profile keeps its id',
      'https://www.facebook.com/profile.php?id=100012345678901&sk=about',
      'https://facebook.com/profile.php?id=100012345678901',
      'facebook:/profile.php?id=100012345678901',
    ],
    [
      'people URL is the numeric profile',
      'https://www.facebook.com/people/Juan-Prueba/100012345678901/',
      'https://facebook.com/people/Juan-Prueba/100012345678901',
      'facebook:/profile.php?id=100012345678901',
    ],
    [
      'Instagram',
      'https://www.instagram.com/Juan.Prueba/?hl=en',
      'https://instagram.com/Juan.Prueba',
      'instagram:/juan.prueba',
    ],
    [
      'TikTok',
      'https://www.tiktok.com/@juan.prueba?lang=en',
      'https://tiktok.com/@juan.prueba',
      'tiktok:/@juan.prueba',
    ],
    [
      'Twitter is X',
      'https://mobile.twitter.com/juan_prueba',
      'https://twitter.com/juan_prueba',
      'x:/juan_prueba',
    ],
    ['Telegram', 't.me/JuanPrueba', 'https://t.me/JuanPrueba', 'telegram:/juanprueba'],
    [
      'Roblox',
      'https://www.roblox.com/users/123456789/profile',
      'https://roblox.com/users/123456789/profile',
      'roblox:/users/123456789/profile',
    ],
    [
      'an unknown site keeps the case of its path',
      'https://chat.example.test/u/JuanP/',
      'https://chat.example.test/u/JuanP',
      'chat.example.test:/u/JuanP',
    ],
  ])('%s: %s', (_case, input, value, matchKey) => {
    const id = account('profile_url', input);
    expect(id).toMatchObject({ kind: 'profile_url', value, matchKey });
    expect(account('profile_url', id.value).matchKey).toBe(matchKey);
  });

  it('takes the platform from a known host, else from the report, else the host', () => {
    expect(account('profile_url', 'https://www.instagram.com/juan', 'Facebook').platform).toBe('instagram');
    expect(account('profile_url', 'https://chat.example.test/u/1', 'Acme Chat').platform).toBe('acme chat');
    expect(account('profile_url', 'https://chat.example.test/u/1').platform).toBe('chat.example.test');
  });

  it.each([
    ['', 'profile_url: the value is empty'],
    ['not a url', "profile_url: 'not a url' is not a URL"],
    ['ftp://facebook.com/juan', "profile_url: 'ftp://facebook.com/juan' is not a web address"],
    ['https://localhost/juan', "profile_url: 'https://localhost/juan' has no domain"],
  ])('rejects %j', (input, reason) => {
    expect(rejectionOf('profile_url', input)).toBe(reason);
  });
});

describe('usernames in profile URLs', () => {
  it.each([
    ['https://www.facebook.com/juan.prueba', { platform: 'facebook', username: 'juan.prueba' }],
    ['m.facebook.com/Juan.Prueba/', { platform: 'facebook', username: 'Juan.Prueba' }],
    ['https://www.instagram.com/juan_prueba/', { platform: 'instagram', username: 'juan_prueba' }],
    ['https://www.tiktok.com/@juan.prueba', { platform: 'tiktok', username: 'juan.prueba' }],
    ['https://x.com/juan_prueba', { platform: 'x', username: 'juan_prueba' }],
    ['https://twitter.com/juan_prueba?s=20', { platform: 'x', username: 'juan_prueba' }],
  ])('%s has a username', (url, expected) => {
    expect(usernameFromProfileUrl(url)).toEqual(expected);
  });

  it.each([
    'https://www.facebook.com/profile.php?id=100012345678901',
    'https://www.facebook.com/100012345678901',
    'https://www.facebook.com/groups/123456',
    'https://www.facebook.com/marketplace',
    'https://www.instagram.com/p/Cabc123/',
    'https://www.instagram.com/explore',
    'https://www.tiktok.com/juan.prueba',
    'https://x.com/home',
    'https://t.me/JuanPrueba',
    'https://chat.example.test/juan',
    'not a url',
  ])('%s has none', (url) => {
    expect(usernameFromProfileUrl(url)).toBeUndefined();
  });

  it('gives the same key as the username reported on the same platform', () => {
    const fromUrl = usernameFromProfileUrl('https://www.facebook.com/Juan.Prueba')!;
    const reported = account('username', 'juan.prueba', 'Facebook');
    expect(account('username', fromUrl.username, fromUrl.platform).matchKey).toBe(reported.matchKey);
  });
});
