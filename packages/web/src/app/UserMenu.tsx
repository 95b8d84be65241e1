import { Button, Menu, Text } from '@mantine/core';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCOUNT_PATH, useMe, useSignOut } from '../auth/session';

export function UserMenu({ withAccount = true }: { withAccount?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconUserCircle size={22} aria-hidden />}
          aria-label={me.user.displayName}
          title={t('userMenu.open', { name: me.user.displayName })}
        >
          <Text span visibleFrom="sm" size="sm" fw={500}>
            {me.user.displayName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        {withAccount ? (
          <Menu.Item
            component={Link}
            to={ACCOUNT_PATH}
            leftSection={<IconUserCircle size={16} aria-hidden />}
          >
            {t('userMenu.account')}
          </Menu.Item>
        ) : null}
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
