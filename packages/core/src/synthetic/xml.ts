/** Small helpers to write XML text by hand, fast: escaping, leaf elements, timestamps. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escape text for element content and attribute values alike. */
export function escapeXml(text: string): string {
  // A character scan beats a regular expression on the short strings written here.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34 || c === 39)
      return text.replace(/[&<>"']/g, (m) => ESCAPES[m] ?? m);
  }
  return text;
}

/** `<name>text</name>` on its own line at the given indent. */
export function leaf(indent: string, name: string, text: string): string {
  return `${indent}<${name}>${escapeXml(text)}</${name}>`;
}

/** The same for values that need no escaping: ids, hashes, dates, IPs, or text escaped beforehand. */
export function token(indent: string, name: string, value: string | number | boolean): string {
  return `${indent}<${name}>${value}</${name}>`;
}

/** Indentation strings by depth, newline included. */
export const INDENT = Array.from({ length: 8 }, (_, depth) => `\n${'  '.repeat(depth)}`);

/** ISO 8601 in UTC with `Z`, whole seconds. */
export function isoUtc(date: Date): string {
  return `${civil(Math.floor(date.getTime() / 1000))}Z`;
}

/** ISO 8601 in Philippine time, `+08:00` (no daylight saving there). */
export function isoManila(date: Date): string {
  return `${civil(Math.floor(date.getTime() / 1000) + 8 * 3600)}+08:00`;
}

/** "YYYY-MM-DDTHH:MM:SS" from epoch seconds by integer arithmetic (Hinnant's civil_from_days): faster than toISOString. */
function civil(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const inDay = seconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(inDay / 3600);
  const minute = Math.floor((inDay % 3600) / 60);
  return `${year}-${TWO[month]}-${TWO[day]}T${TWO[hour]}:${TWO[minute]}:${TWO[inDay % 60]}`;
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
