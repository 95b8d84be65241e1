import { useHotkeys } from '@mantine/hooks';
import { useCallback, type RefObject } from 'react';

/** The link of each row carries this attribute; j/k move the focus between them. */
export const ROW_LINK = 'data-queue-link';

/**
 * j / k move to the next / previous report, x selects it, Enter (on the focused link)
 * opens it. Typing in a filter field never triggers them.
 */
export function useQueueKeyboard(
  table: RefObject<HTMLElement | null>,
  onToggle: ((id: string) => void) | null,
): void {
  const move = useCallback(
    (step: 1 | -1) => {
      const links = [...(table.current?.querySelectorAll<HTMLAnchorElement>(`a[${ROW_LINK}]`) ?? [])];
      if (links.length === 0) return;
      const row = document.activeElement?.closest('tr');
      const current = links.findIndex((link) => link.closest('tr') === row);
      const next =
        current === -1
          ? step === 1
            ? 0
            : links.length - 1
          : Math.min(links.length - 1, Math.max(0, current + step));
      const target = links[next];
      target?.focus();
      target?.closest('tr')?.scrollIntoView({ block: 'nearest' });
    },
    [table],
  );
  const toggle = useCallback(() => {
    const id = document.activeElement?.closest('tr')?.getAttribute('data-report-id');
    if (id && onToggle) onToggle(id);
  }, [onToggle]);
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['x', toggle],
  ]);
}
