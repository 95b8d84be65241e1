import { MAIL_DOMAINS } from './abroad';
import type { Random } from './random';
import type { Account, Service } from './world';

/**
 * Mailboxes and platform accounts made from a person's (fictional) names, shaped like each
 * platform's: handles, numeric user ids, profile URLs.
 */

/** ASCII handles of a person's names, the stuff of their mailboxes and screen names. */
export type Handles = { full: string; first: string; short: string };

/** "Niño Jun", "Dalisay" → nino.jun.dalisay, ninojun, nino.dalisay. */
export function personHandles(firstName: string, lastName: string): Handles {
  const first = ascii(firstName);
  const last = ascii(lastName);
  return {
    full: `${first.replace(' ', '.')}.${last}`,
    first: first.replace(' ', ''),
    short: `${first.split(' ')[0]}.${last}`,
  };
}

/** Lower-case ASCII of a name: "Niño" → "nino". */
function ascii(name: string): string {
  let found = ASCII.get(name);
  if (found === undefined) {
    found = name
      .normalize('NFD')
      .replace(/[^A-Za-z ]/g, '')
      .toLowerCase();
    // Names come from short lists, so this memo stays small.
    if (ASCII.size < 50_000) ASCII.set(name, found);
  }
  return found;
}
const ASCII = new Map<string, string>();

export function mailbox(random: Random, names: Handles): string {
  const name = random.chance(0.5) ? names.full : names.first;
  return `${name}${random.digits(random.int(2, 4))}@${random.pick(MAIL_DOMAINS)}`;
}

export function account(
  random: Random,
  service: Service,
  names: Handles,
  firstName: string,
  lastName: string,
): Account {
  const base = names.short;
  const displayName = `${firstName} ${lastName.charAt(0)}.`;
  const espIdentifier = espId(random, service);
  switch (service) {
    case 'Facebook':
    case 'Messenger': {
      const screenName = `${base}.${random.digits(4)}`;
      return {
        service,
        screenName,
        displayName,
        espId: espIdentifier,
        profileUrl: `https://www.facebook.com/${screenName}`,
      };
    }
    case 'Instagram': {
      const screenName = `${base.replace('.', '_')}${random.digits(2)}`;
      return {
        service,
        screenName,
        displayName,
        espId: espIdentifier,
        profileUrl: `https://www.instagram.com/${screenName}/`,
      };
    }
    case 'TikTok': {
      const screenName = `${base.replace('.', '')}${random.digits(3)}`;
      return {
        service,
        screenName,
        displayName,
        espId: espIdentifier,
        profileUrl: `https://www.tiktok.com/@${screenName}`,
      };
    }
    case 'Telegram': {
      const screenName = `${base.replace('.', '_')}_${random.digits(2)}`;
      return {
        service,
        screenName,
        displayName,
        espId: espIdentifier,
        profileUrl: `https://t.me/${screenName}`,
      };
    }
    case 'Viber':
      return { service, displayName, espId: espIdentifier };
  }
}

/** Platform-shaped user ids: 15 digits (Facebook), 10–11 (Instagram), 19 (TikTok), 10 (Telegram). */
export function espId(random: Random, service: Service): string {
  switch (service) {
    case 'Facebook':
    case 'Messenger':
      return `1000${random.digits(11)}`;
    case 'Instagram':
      return `${random.int(1, 9)}${random.digits(random.int(9, 10))}`;
    case 'TikTok':
      return `${random.int(6, 7)}${random.digits(18)}`;
    case 'Telegram':
      return `${random.int(1, 7)}${random.digits(9)}`;
    case 'Viber':
      return `vb${random.hex(16)}`;
  }
}
