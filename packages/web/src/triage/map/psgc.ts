/**
 * PSGC codes of the offline boundaries (faeldon/philippines-json-maps, PSGC of 31 December
 * 2023) turned into the 10-digit codes of the PSGC list the server holds (PSA, 2025).
 */

/** Provinces moved to the Negros Island Region (created 2024): their 2023 code → today's. */
export const MOVED_PROVINCES: Readonly<Record<string, string>> = {
  '0604500000': '1804500000', // Negros Occidental, from Western Visayas
  '0704600000': '1804600000', // Negros Oriental, from Central Visayas
  '0706100000': '1806100000', // Siquijor, from Central Visayas
};

/** The National Capital Region: it has no provinces; its districts are coloured with its total. */
export const NCR_CODE = '1300000000';

/**
 * A 2023 PSGC code as the boundary files give it → our 10-digit code.
 * - a 9-digit string (RR PP MM BBB, e.g. "072200000") becomes RR + "0" + PP + MM BBB ("0702200000");
 * - a number is how the files store it: already the 10-digit code, but regions 01–09 lost
 *   their leading zero (702200000 is "0702200000", 1001300000 is "1001300000");
 * - a 10-digit string is kept.
 * Provinces that moved region since are mapped to their current code.
 */
export function psgc10(code: string | number): string {
  let text: string;
  if (typeof code === 'number') {
    if (!Number.isInteger(code) || code <= 0 || code >= 1e10)
      throw new RangeError(`Not a PSGC code: ${code}`);
    text = String(code).padStart(10, '0');
  } else if (/^\d{9}$/.test(code)) {
    text = `${code.slice(0, 2)}0${code.slice(2, 4)}${code.slice(4)}`;
  } else if (/^\d{10}$/.test(code)) {
    text = code;
  } else {
    throw new RangeError(`Not a PSGC code: ${code}`);
  }
  return MOVED_PROVINCES[text] ?? text;
}

/** The region a 10-digit code belongs to (its first two digits, then zeros). */
export function regionOf(code: string): string {
  return `${code.slice(0, 2)}00000000`;
}

/** A region-level code: nothing below the region is known. */
export function isRegionCode(code: string): boolean {
  return /^\d{2}0{8}$/.test(code);
}
