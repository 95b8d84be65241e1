import type { CountryCode } from 'libphonenumber-js/max';
import { UNKNOWN_PLATFORM } from './account';
import { parsePhone } from './phone';
import { type KindResult, quoted, rejection } from './types';

/** E-wallets whose account is the holder's Philippine mobile number (registration = number + OTP). */
export const MOBILE_WALLETS: readonly string[] = ['gcash', 'maya'];

/** Prefix of a wallet's match key: the same number in GCash and Maya is one person's number. */
export const WALLET_KEY_PREFIX = 'wallet:';

export function normalisePaymentAccount(
  text: string,
  provider: string | undefined,
  defaultCountry: CountryCode,
): KindResult {
  if (text.trim() === '') return rejection('payment_account', 'the value is empty');
  if (provider !== undefined && MOBILE_WALLETS.includes(provider)) {
    const phone = parsePhone(text, defaultCountry);
    if (!('error' in phone)) {
      const valid = !phone.flags.includes('invalid_but_kept');
      return {
        kind: 'payment_account',
        value: phone.e164,
        matchKey: `${WALLET_KEY_PREFIX}${phone.matchKey}`,
        platform: provider,
        ...(phone.countryCode === undefined ? {} : { countryCode: phone.countryCode }),
        flags: phone.flags,
        // Only a real number is worth connecting to the phone index.
        ...(valid ? { alsoPhone: true } : {}),
      };
    }
  }
  const account = text
    .trim()
    .replace(/[\s-]+/g, '')
    .toUpperCase();
  if (account === '')
    return rejection('payment_account', `${quoted(text)} has nothing but spaces and dashes`);
  const isWallet = provider !== undefined && MOBILE_WALLETS.includes(provider);
  return {
    kind: 'payment_account',
    value: account,
    matchKey: `${provider ?? UNKNOWN_PLATFORM}:${account}`,
    ...(provider === undefined ? {} : { platform: provider }),
    // A wallet "number" that is no phone number at all is still evidence, but it cannot be the wallet key.
    flags: isWallet ? ['invalid_but_kept'] : [],
  };
}

/** The phone match key a wallet account stands for, when it stands for one. */
export function walletPhoneKey(id: { kind: string; alsoPhone?: boolean; value: string }): string | undefined {
  return id.kind === 'payment_account' && id.alsoPhone === true ? id.value : undefined;
}
