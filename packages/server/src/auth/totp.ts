import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;
const ISSUER = 'Bantay';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secret: string, label = ''): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret });
}

/**
 * The time step a code belongs to, or null when it matches none within one step either
 * way (clock drift). The caller refuses a step not newer than the last one used, so a code
 * is never accepted twice.
 */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

export function totpCode(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}

export async function totpEnrolment(
  secret: string,
  email: string,
): Promise<{ otpauthUri: string; qrCode: string }> {
  const otpauthUri = totp(secret, email).toString();
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
