import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Calm and legible: one quiet accent, dark enough shades that white text on buttons and
 * coloured text on white pass WCAG AA, system fonts only (nothing is fetched).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
});

/**
 * Contrast fixes on top of Mantine's defaults (WCAG AA for small text). They go through the
 * resolver, not a stylesheet, because Mantine writes its variables after the stylesheets.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-9)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Text on light tints (active navigation, alerts), also on the hover shade: 6:1 or more.
    '--mantine-color-indigo-light-color': '#283593',
    '--mantine-primary-color-light-color': '#283593',
    '--mantine-color-teal-light-color': '#05593f',
    '--mantine-color-red-light-color': '#9b1c1c',
    '--mantine-color-orange-light-color': '#8a3a00',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    // Placeholders that are elements (FileInput's "Choose a file"), not ::placeholder, are checked too.
    '--mantine-color-placeholder': '#6b7280',
    '--mantine-color-yellow-light-color': '#6b4e00',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-3)',
  },
});

/** The style nonce the server writes into index.html for each response (CSP `style-src`). */
export function styleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
}

/** Buttons and menu items that cut someone off: a red dark enough for white text (AA). */
export const DANGER = 'red.9';
