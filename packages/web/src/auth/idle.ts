import { onServerContact } from '../api/client';

/** Two minutes' notice before the session ends, enough to finish a sentence and save. */
export const WARN_BEFORE_MS = 2 * 60_000;
/** A user at work (typing, clicking) tells the server at most this often. */
export const KEEPALIVE_AFTER_MS = 60_000;

/** Shared by the tabs of this browser: they share one session cookie, so one idle clock. */
const STORAGE_KEY = 'bantay.lastServerContact';
let lastContact = Date.now();

/** Every answer from the server restarted its idle clock for this session. */
export function markServerContact(at: number = Date.now()): void {
  lastContact = at;
  try {
    window.localStorage.setItem(STORAGE_KEY, String(at));
  } catch {
    // Without storage each tab keeps its own clock; the server stays the judge.
  }
}
onServerContact(() => markServerContact());

/** When the server last saw this session, from this tab or another. */
export function lastServerContact(): number {
  let shared = 0;
  try {
    shared = Number(window.localStorage.getItem(STORAGE_KEY)) || 0;
  } catch {
    // As above: this tab's own clock then.
  }
  return Math.max(lastContact, shared);
}

export type SessionClock = {
  /** When the session ends if nothing happens: idle limit or absolute limit, the sooner. */
  endsAt: number;
  /** When to warn: two minutes before, or half the idle time when that is shorter. */
  warnAt: number;
  /** True when the absolute limit comes first: staying signed in cannot extend it. */
  absolute: boolean;
};

export function sessionClock(idleTimeoutSeconds: number, expiresAt: string, contact: number): SessionClock {
  const idleMs = idleTimeoutSeconds * 1000;
  const idleEnd = contact + idleMs;
  const absoluteEnd = Date.parse(expiresAt);
  if (absoluteEnd < idleEnd)
    return { endsAt: absoluteEnd, warnAt: absoluteEnd - WARN_BEFORE_MS, absolute: true };
  return { endsAt: idleEnd, warnAt: idleEnd - Math.min(WARN_BEFORE_MS, idleMs / 2), absolute: false };
}

/** "1:59" — minutes and seconds left, never negative. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
