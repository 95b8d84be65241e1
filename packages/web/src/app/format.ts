import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates in the user's language and time zone; UTC for the record (audit, court papers). */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const local = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    const short = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    return {
      date: (iso: string) => day.format(new Date(iso)),
      timeShort: (at: number | string) => time.format(new Date(at)),
      dateTime: (iso: string) => local.format(new Date(iso)),
      dateTimeShort: (iso: string) => short.format(new Date(iso)),
      utc: (iso: string) => `${new Date(iso).toISOString().replace('T', ' ').slice(0, 19)} UTC`,
    };
  }, [language]);
}
