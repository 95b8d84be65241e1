import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ceb from './ceb.json';
import en from './en.json';
import fil from './fil.json';

/** English, Filipino (Tagalog) and Cebuano (Bisaya); the order is the order of the switch. */
export const LANGUAGES = ['en', 'fil', 'ceb'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  en: { translation: en },
  fil: { translation: fil },
  ceb: { translation: ceb },
} as const;

const STORAGE_KEY = 'bantay.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'en';
  } catch {
    // Storage can be blocked (private windows); English is the default then.
    return 'en';
  }
}

/** Keeps `<html lang>` in step so screen readers pronounce the page in the right language. */
function applyToDocument(language: string): void {
  document.documentElement.lang = language;
}

export async function initI18n(language: Language = storedLanguage()): Promise<typeof i18n> {
  i18n.on('languageChanged', applyToDocument);
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(i18n.language);
  return i18n;
}

/** Switches the language and remembers the choice on this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but the switch still applies to this visit.
  }
  await i18n.changeLanguage(language);
}

export { i18n };
