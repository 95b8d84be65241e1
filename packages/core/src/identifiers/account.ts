import { type KnownPlatform, platformOfHost } from './platform';
import { type KindResult, quoted, rejection } from './types';

/** The scope of a username or user id whose platform nobody gave. */
export const UNKNOWN_PLATFORM = 'unknown';

/** Pasted text often carries zero-width spaces and byte-order marks; nobody chooses them in a name. */
const INVISIBLE = /[\u200b\u2060\ufeff]/g;

export function normaliseUsername(text: string, platform: string | undefined): KindResult {
  const value = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .trim()
    .replace(/^@+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (value === '') return rejection('username', `${quoted(text)} is empty once '@' and spaces are removed`);
  return {
    kind: 'username',
    value,
    matchKey: `${platform ?? UNKNOWN_PLATFORM}:${value.toLowerCase()}`,
    ...(platform === undefined ? {} : { platform }),
    flags: [],
  };
}

/** A platform's own account id (Facebook numeric id, TikTok uid): opaque, so compared exactly. */
export function normaliseEspUserId(text: string, platform: string | undefined): KindResult {
  const value = text.trim();
  if (value === '') return rejection('esp_user_id', 'the value is empty');
  return {
    kind: 'esp_user_id',
    value,
    matchKey: `${platform ?? UNKNOWN_PLATFORM}:${value}`,
    ...(platform === undefined ? {} : { platform }),
    flags: [],
  };
}

/** Mobile, touch and web variants of a site show the same profile. */
const HOST_VARIANT_PREFIX = /^(?:www|m|mobile|web|mbasic|touch)\./;

/** Platforms whose profile paths ignore case (handles are case-insensitive there). */
const CASE_INSENSITIVE_PATHS: ReadonlySet<string> = new Set<KnownPlatform>([
  'facebook',
  'instagram',
  'tiktok',
  'x',
  'telegram',
  'snapchat',
  'youtube',
  'reddit',
  'twitch',
]);

type ProfileLocation = { host: string; path: string; query: string; knownPlatform?: KnownPlatform };

function locateProfile(text: string): ProfileLocation | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'the value is empty';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return `${quoted(text)} is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${quoted(text)} is not a web address`;
  if (!url.hostname.includes('.')) return `${quoted(text)} has no domain`;
  let host = url.hostname.replace(/\.$/, '');
  while (HOST_VARIANT_PREFIX.test(host) && host.split('.').length > 2) {
    host = host.replace(HOST_VARIANT_PREFIX, '');
  }
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const id = url.searchParams.get('id');
  // Facebook's numeric profiles live in the query; every other query string is tracking noise.
  const query =
    path.endsWith('/profile.php') && id !== null && id !== '' ? `?id=${encodeURIComponent(id)}` : '';
  const knownPlatform = platformOfHost(host);
  return { host, path, query, ...(knownPlatform === undefined ? {} : { knownPlatform }) };
}

/** The part of a profile URL that names the account, for the match key. */
function profileKeyPath({ path, query, knownPlatform }: ProfileLocation): string {
  if (knownPlatform === 'facebook') {
    // /people/Juan-Prueba/100012345678 and /100012345678 are the numeric profile under another name.
    const numeric = /^\/(?:people\/[^/]+\/)?(\d{5,})$/.exec(path)?.[1];
    if (numeric !== undefined) return `/profile.php?id=${numeric}`;
  }
  const keyPath =
    knownPlatform !== undefined && CASE_INSENSITIVE_PATHS.has(knownPlatform) ? path.toLowerCase() : path;
  return `${keyPath}${query}`;
}

export function normaliseProfileUrl(text: string, givenPlatform: string | undefined): KindResult {
  const location = locateProfile(text);
  if (typeof location === 'string') return rejection('profile_url', location);
  const { host, path, query, knownPlatform } = location;
  // The host is the better witness of the platform; a host we do not know scopes its own paths.
  const platform = knownPlatform ?? givenPlatform ?? host;
  const scope = knownPlatform ?? host;
  return {
    kind: 'profile_url',
    value: `https://${host}${path}${query}`,
    matchKey: `${scope}:${profileKeyPath(location)}`,
    platform,
    flags: [],
  };
}

/** Single-segment paths that are site sections, not accounts. */
const NOT_A_HANDLE: Readonly<Partial<Record<KnownPlatform, readonly string[]>>> = {
  facebook: [
    'profile.php',
    'groups',
    'pages',
    'people',
    'watch',
    'events',
    'marketplace',
    'gaming',
    'reel',
    'reels',
    'stories',
    'messages',
    'friends',
    'notifications',
    'settings',
    'help',
    'login',
    'home.php',
    'photo.php',
    'story.php',
    'permalink.php',
    'sharer.php',
    'hashtag',
    'search',
  ],
  instagram: ['p', 'reel', 'reels', 'stories', 'explore', 'accounts', 'direct', 'tv', 'about', 'legal'],
  x: [
    'home',
    'i',
    'search',
    'explore',
    'notifications',
    'messages',
    'settings',
    'intent',
    'hashtag',
    'share',
    'login',
  ],
};

/** What a simple profile handle looks like on each platform whose profile URLs carry the username. */
const HANDLE_IN_PATH: Readonly<Partial<Record<KnownPlatform, RegExp>>> = {
  facebook: /^\/([a-z0-9.]{5,50})$/i,
  instagram: /^\/([a-z0-9._]{1,30})$/i,
  tiktok: /^\/@([a-z0-9._]{2,24})$/i,
  x: /^\/([a-z0-9_]{1,15})$/i,
};

/**
 * The username a Facebook, Instagram, TikTok or X profile URL shows, so the linker can treat
 * `https://www.facebook.com/juan.prueba` and username `juan.prueba` on facebook as one account.
 * Undefined for any other URL (numeric ids, posts, groups, other sites).
 */
export function usernameFromProfileUrl(
  url: string,
): { platform: KnownPlatform; username: string } | undefined {
  const location = locateProfile(url);
  if (typeof location === 'string' || location.knownPlatform === undefined || location.query !== '')
    return undefined;
  const platform = location.knownPlatform;
  const username = HANDLE_IN_PATH[platform]?.exec(location.path)?.[1];
  if (username === undefined || /^\d+$/.test(username)) return undefined;
  if (NOT_A_HANDLE[platform]?.includes(username.toLowerCase()) === true) return undefined;
  return { platform, username };
}
