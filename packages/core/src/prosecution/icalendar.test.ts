import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toICalendar } from './icalendar';

describe('iCalendar', () => {
  it.each([
    ['a,b;c', 'a\\,b\\;c'],
    ['line\nnext', 'line\\nnext'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes %j as %j', (text, escaped) => expect(escapeText(text)).toBe(escaped));

  it('folds long lines at 75 octets', () => {
    const folded = foldLine(`SUMMARY:${'x'.repeat(200)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'x'.repeat(200)}`);
  });

  it('writes one VEVENT per hearing with UTC times', () => {
    const ics = toICalendar(
      'Hearings',
      [
        {
          uid: 'h1@bantay',
          start: new Date('2026-03-02T01:30:00Z'),
          minutes: 120,
          summary: 'Trial, CC-1',
          location: 'RTC 12',
        },
      ],
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(ics).toContain(
      'BEGIN:VEVENT\r\nUID:h1@bantay\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260302T013000Z\r\nDTEND:20260302T033000Z',
    );
    expect(ics).toContain('SUMMARY:Trial\\, CC-1');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
