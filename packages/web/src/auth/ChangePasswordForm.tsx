import { passwordShapeProblem } from '@bantay/core/auth/password-policy';
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorField, errorText } from '../app/errors';
import { authApi } from './api';
import { PasswordHints } from './PasswordHints';
import { notify } from '../app/notify';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

export function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!currentPassword) found.currentPassword = t('validation.password');
    if (passwordShapeProblem(newPassword, email)) found.newPassword = t('password.followRules');
    else if (newPassword === currentPassword) found.newPassword = t('password.sameAsCurrent');
    if (repeat !== newPassword) found.repeat = t('password.mismatch');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      await authApi.changePassword(currentPassword, newPassword);
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      notify.success({ title: t('password.changedTitle'), message: t('password.changed') });
    } catch (error) {
      const field = errorField(error, ['currentPassword', 'newPassword'] as const);
      if (field) setErrors({ [field]: errorText(t, error) });
      else setFormError(errorText(t, error));
    } finally {
      setSubmitting(false);
    }
  };

  const toggle = { 'aria-label': t('common.showPassword') };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md" maw={420}>
        {formError ? <Alert color="red">{formError}</Alert> : null}
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={currentPassword}
          error={errors.currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          visibilityToggleButtonProps={toggle}
        />
        <PasswordInput
          label={t('password.new')}
          autoComplete="new-password"
          required
          value={newPassword}
          error={errors.newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          visibilityToggleButtonProps={toggle}
        />
        <PasswordHints id="new-password-rules" password={newPassword} email={email} />
        <PasswordInput
          label={t('password.repeat')}
          autoComplete="new-password"
          required
          value={repeat}
          error={errors.repeat}
          onChange={(event) => setRepeat(event.currentTarget.value)}
          visibilityToggleButtonProps={toggle}
        />
        <Button type="submit" loading={submitting} className="fit-content">
          {t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
