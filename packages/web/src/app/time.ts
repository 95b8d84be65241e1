import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago, the way a tired analyst reads it at a glance: "3 h 12 min ago",
 * "2 d 5 h ago", "just now". Whole units only; the exact time goes in a tooltip.
 */
export function timeAgo(t: TFunction, iso: string, now: number): string {
  const elapsed = Math.max(0, now - Date.parse(iso));
  if (elapsed < MINUTE) return t('time.justNow');
  return t('time.ago', { duration: duration(t, elapsed) });
}

/** A length of time in the largest two units: "45 min", "3 h 12 min", "2 d 5 h", "40 d". */
export function duration(t: TFunction, ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days >= 30) return t('time.days', { d: days });
  if (days > 0) return hours > 0 ? t('time.daysHours', { d: days, h: hours }) : t('time.days', { d: days });
  if (hours > 0)
    return minutes > 0 ? t('time.hoursMinutes', { h: hours, m: minutes }) : t('time.hours', { h: hours });
  return t('time.minutes', { m: minutes });
}

/** The current time, renewed every `everyMs`, so "12 min ago" keeps counting on an open page. */
export function useNow(everyMs = MINUTE): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
