/**
 * One key per service, whatever a sender calls it: "FB", "Facebook, Inc.", "Meta Facebook" and
 * "m.facebook.com" are all `facebook`. Keys are what platform-scoped match keys are built from.
 */
export const PLATFORM_ALIASES = {
  facebook: [
    'fb',
    'facebook',
    'meta facebook',
    'facebook messenger',
    'messenger',
    'meta messenger',
    'fb messenger',
  ],
  instagram: ['ig', 'insta', 'instagram', 'meta instagram'],
  tiktok: ['tiktok', 'tik tok', 'musical.ly'],
  x: ['x', 'twitter', 'x corp', 'x (twitter)', 'x (formerly twitter)', 'twitter/x', 'x/twitter'],
  telegram: ['telegram', 'telegram messenger', 'tg'],
  viber: ['viber', 'rakuten viber'],
  whatsapp: ['whatsapp', 'whats app', 'wa'],
  snapchat: ['snapchat', 'snap'],
  discord: ['discord', 'discordapp'],
  roblox: ['roblox'],
  omegle: ['omegle'],
  kik: ['kik', 'kik messenger', 'kik interactive'],
  skype: ['skype', 'microsoft skype'],
  yahoo: ['yahoo', 'yahoo mail'],
  google: ['google', 'gmail', 'google account'],
  youtube: ['youtube', 'yt'],
  line: ['line', 'line messenger'],
  wechat: ['wechat', 'weixin'],
  bigo: ['bigo', 'bigo live'],
  kumu: ['kumu'],
  reddit: ['reddit'],
  twitch: ['twitch'],
  onlyfans: ['onlyfans', 'only fans'],
  gcash: ['gcash', 'g-cash', 'g cash', 'globe gcash', 'mynt'],
  maya: ['maya', 'paymaya', 'pay maya', 'maya wallet', 'maya philippines'],
  shopeepay: ['shopeepay', 'shopee pay'],
  grabpay: ['grabpay', 'grab pay'],
  coins_ph: ['coins.ph', 'coins ph', 'coinsph'],
  western_union: ['western union', 'westernunion', 'wu'],
  remitly: ['remitly'],
  ria: ['ria', 'ria money transfer', 'ria financial'],
  moneygram: ['moneygram', 'money gram'],
  wise: ['wise', 'transferwise'],
  paypal: ['paypal'],
  palawan_express: ['palawan express', 'palawan express pera padala', 'palawan pawnshop'],
  cebuana_lhuillier: ['cebuana lhuillier', 'cebuana'],
  mlhuillier: ['m lhuillier', 'm. lhuillier', 'mlhuillier'],
} as const satisfies Record<string, readonly string[]>;

export type KnownPlatform = keyof typeof PLATFORM_ALIASES;

/** Web hosts (and their subdomains) that belong to a platform: profile URLs name their platform. */
export const PLATFORM_HOSTS: Readonly<Record<string, KnownPlatform>> = {
  'facebook.com': 'facebook',
  'fb.com': 'facebook',
  'fb.me': 'facebook',
  'messenger.com': 'facebook',
  'm.me': 'facebook',
  'instagram.com': 'instagram',
  'instagr.am': 'instagram',
  'tiktok.com': 'tiktok',
  'x.com': 'x',
  'twitter.com': 'x',
  't.me': 'telegram',
  'telegram.me': 'telegram',
  'telegram.org': 'telegram',
  'viber.com': 'viber',
  'wa.me': 'whatsapp',
  'whatsapp.com': 'whatsapp',
  'snapchat.com': 'snapchat',
  'discord.com': 'discord',
  'discord.gg': 'discord',
  'discordapp.com': 'discord',
  'roblox.com': 'roblox',
  'omegle.com': 'omegle',
  'kik.com': 'kik',
  'kik.me': 'kik',
  'skype.com': 'skype',
  'yahoo.com': 'yahoo',
  'youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'line.me': 'line',
  'bigo.tv': 'bigo',
  'kumu.ph': 'kumu',
  'reddit.com': 'reddit',
  'twitch.tv': 'twitch',
  'onlyfans.com': 'onlyfans',
  'paypal.com': 'paypal',
  'paypal.me': 'paypal',
};

const ALIAS_TO_PLATFORM: ReadonlyMap<string, KnownPlatform> = new Map(
  Object.entries(PLATFORM_ALIASES).flatMap(([platform, aliases]) =>
    aliases.map((alias) => [alias, platform as KnownPlatform] as const),
  ),
);

/** Company-form words that say nothing about which service it is ("TikTok Inc.", "Roblox Corporation"). */
const COMPANY_SUFFIX = /[\s,]+(?:inc|llc|ltd|limited|corp|corporation|co|company|plc|gmbh|pte|s\.?a|pbc)\.?$/;

/** Lower-case, NFKC, no "Inc."/"!"/scheme/`www.`, single spaces: the form aliases are written in. */
function cleanPlatformText(text: string): string {
  let cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('!', '')
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (let previous = ''; previous !== cleaned;) {
    previous = cleaned;
    cleaned = cleaned.replace(COMPANY_SUFFIX, '').trim();
  }
  return cleaned;
}

/** The platform a web host belongs to: `web.facebook.com` → facebook, `vm.tiktok.com` → tiktok. */
export function platformOfHost(host: string): KnownPlatform | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  for (let start = 0; start <= labels.length - 2; start += 1) {
    const platform = PLATFORM_HOSTS[labels.slice(start).join('.')];
    if (platform !== undefined) return platform;
  }
  return undefined;
}

/**
 * The platform key for a sender's name of a service; an unknown name comes back cleaned
 * (lower-case, trimmed, without "Inc."), so "Acme Chat, Inc." and "acme chat" still agree.
 * Blank text means no platform.
 */
export function normalisePlatform(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (platformKeys.has(text)) return platformKeys.get(text);
  const cleaned = cleanPlatformText(text);
  const key =
    cleaned === ''
      ? undefined
      : (ALIAS_TO_PLATFORM.get(cleaned) ??
        (cleaned.includes('.') ? platformOfHost(cleaned) : undefined) ??
        cleaned);
  if (platformKeys.size >= PLATFORM_KEYS_KEPT) platformKeys.clear();
  platformKeys.set(text, key);
  return key;
}

/**
 * A report names a handful of services, over and over, for every identifier it holds: their
 * keys are remembered (cleaning the text is eight regular expressions). Bounded all the same.
 */
const PLATFORM_KEYS_KEPT = 1_000;
const platformKeys = new Map<string, string | undefined>();
