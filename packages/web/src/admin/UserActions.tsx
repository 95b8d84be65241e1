import type { User } from '@bantay/core/admin/schema';
import { Button, Menu } from '@mantine/core';
import {
  IconChevronDown,
  IconLock,
  IconLockOpen,
  IconPencil,
  IconShieldX,
  IconUserCheck,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { errorText } from '../app/errors';
import { DANGER } from '../app/theme';
import { ADMIN_KEY, adminApi, type UserAction } from './api';
import { notify } from '../app/notify';

/** Actions that cut someone off ask first. */
type ConfirmedAction = 'disable' | 'reset-mfa';
const needsConfirmation = (action: UserAction): action is ConfirmedAction =>
  action === 'disable' || action === 'reset-mfa';

/** Only the actions the server says this admin may take on this user (`abilities`). */
export function UserActions({ user, onEdit }: { user: User; onEdit: (user: User) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<ConfirmedAction | null>(null);
  const [busy, setBusy] = useState(false);
  const { abilities } = user;

  const run = async (action: UserAction) => {
    setBusy(true);
    try {
      await adminApi.changeUserState(user.id, action);
      notify.success({ message: t(`users.actionDone.${action}`, { name: user.displayName }) });
      await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
    } catch (error) {
      notify.failure({ title: t('users.actionFailed'), message: errorText(t, error) });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };
  const choose = (action: UserAction) => {
    if (needsConfirmation(action)) setConfirming(action);
    else void run(action);
  };

  const items = [
    abilities.update && (
      <Menu.Item key="edit" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => onEdit(user)}>
        {t('users.actions.edit')}
      </Menu.Item>
    ),
    abilities.unlock && (
      <Menu.Item
        key="unlock"
        leftSection={<IconLockOpen size={16} aria-hidden />}
        onClick={() => choose('unlock')}
      >
        {t('users.actions.unlock')}
      </Menu.Item>
    ),
    abilities.enable && (
      <Menu.Item
        key="enable"
        leftSection={<IconUserCheck size={16} aria-hidden />}
        onClick={() => choose('enable')}
      >
        {t('users.actions.enable')}
      </Menu.Item>
    ),
    abilities.resetMfa && (
      <Menu.Item
        key="reset-mfa"
        leftSection={<IconShieldX size={16} aria-hidden />}
        onClick={() => choose('reset-mfa')}
      >
        {t('users.actions.reset-mfa')}
      </Menu.Item>
    ),
    abilities.disable && (
      <Menu.Item
        key="disable"
        color={DANGER}
        leftSection={<IconLock size={16} aria-hidden />}
        onClick={() => choose('disable')}
      >
        {t('users.actions.disable')}
      </Menu.Item>
    ),
  ].filter(Boolean);

  if (items.length === 0) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={t('users.actionsFor', { name: user.displayName })}
            loading={busy && confirming === null}
          >
            {t('users.actionsButton')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>{items}</Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={confirming !== null}
        title={confirming ? t(`users.confirm.${confirming}.title`, { name: user.displayName }) : ''}
        message={confirming ? t(`users.confirm.${confirming}.message`, { name: user.displayName }) : ''}
        confirmLabel={confirming ? t(`users.actions.${confirming}`) : ''}
        danger
        busy={busy}
        onConfirm={() => confirming && void run(confirming)}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}
