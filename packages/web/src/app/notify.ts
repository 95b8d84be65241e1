import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n';

type Notice = { message: string; title?: string; autoClose?: number };

/** A calm confirmation in the corner; its close button is named in the user's language. */
function show(color: string, notice: Notice): void {
  notifications.show({ ...notice, color, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}

export const notify = {
  success: (notice: Notice) => show('teal', notice),
  failure: (notice: Notice) => show('red', notice),
};
