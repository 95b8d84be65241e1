import { Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from './format';
import { timeAgo, useNow } from './time';

type RelativeTimeProps = {
  iso: string;
  /** In a long table every cell would be one more Tab stop; the report page makes it focusable. */
  focusable?: boolean;
};

/** "3 h 12 min ago", with the exact local and UTC time in a tooltip. */
export function RelativeTime({ iso, focusable = false }: RelativeTimeProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const now = useNow();
  const exact = `${format.dateTime(iso)} (${format.utc(iso)})`;
  // Past a month, "874 d ago" says less than the date itself.
  const old = now - Date.parse(iso) > 30 * 86_400_000;
  return (
    <Tooltip label={exact} openDelay={300}>
      <time dateTime={iso} tabIndex={focusable ? 0 : undefined} className="nowrap">
        {old ? format.date(iso) : timeAgo(t, iso, now)}
      </time>
    </Tooltip>
  );
}
