import { Button, Group, Modal, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_KEY } from './api';
import { formatCountdown, KEEPALIVE_AFTER_MS, lastServerContact, sessionClock } from './idle';
import { forgetSession, useMe, useSignOut } from './session';

/**
 * Warns two minutes before the session ends and offers to stay signed in; at the end, goes
 * to sign-in with the "session ended" notice. A user who types or clicks keeps it alive.
 */
export function IdleWatch() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const [now, setNow] = useState(() => Date.now());
  const [dismissedAbsolute, setDismissedAbsolute] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const clock = sessionClock(me.session.idleTimeoutSeconds, me.session.expiresAt, lastServerContact());
  const remaining = clock.endsAt - now;
  const warning = now >= clock.warnAt && !(clock.absolute && dismissedAbsolute);

  useEffect(() => {
    if (remaining <= 0) forgetSession(queryClient, 'ended');
  }, [remaining, queryClient]);

  useEffect(() => {
    if (warning) return;
    const onActivity = () => {
      if (Date.now() - lastServerContact() < KEEPALIVE_AFTER_MS || queryClient.isFetching()) return;
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    };
    window.addEventListener('keydown', onActivity, { passive: true });
    window.addEventListener('pointerdown', onActivity, { passive: true });
    return () => {
      window.removeEventListener('keydown', onActivity);
      window.removeEventListener('pointerdown', onActivity);
    };
  }, [warning, queryClient]);

  const staySignedIn = async () => {
    setBusy(true);
    try {
      await queryClient.refetchQueries({ queryKey: SESSION_KEY });
      setNow(Date.now());
    } finally {
      setBusy(false);
    }
  };

  const countdown = formatCountdown(remaining);
  return (
    <Modal
      opened={warning && remaining > 0}
      onClose={() => (clock.absolute ? setDismissedAbsolute(true) : void staySignedIn())}
      title={t('idle.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <Text mb="lg">
        {clock.absolute ? t('idle.absolute', { time: countdown }) : t('idle.message', { time: countdown })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void signOut()}>
          {t('idle.signOut')}
        </Button>
        {clock.absolute ? (
          <Button data-autofocus onClick={() => setDismissedAbsolute(true)}>
            {t('idle.continue')}
          </Button>
        ) : (
          <Button data-autofocus loading={busy} onClick={() => void staySignedIn()}>
            {t('idle.stay')}
          </Button>
        )}
      </Group>
    </Modal>
  );
}
