import { isRole, type Role } from '@bantay/core/access/roles';
import { passwordShapeProblem } from '@bantay/core/auth/password-policy';
import { UserCreateInput, UserUpdateInput, type Organisation, type User } from '@bantay/core/admin/schema';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorField, errorText, schemaErrors } from '../app/errors';
import { PasswordHints } from '../auth/PasswordHints';
import { ADMIN_KEY, adminApi } from './api';
import { organisationOptions, roleOptions, unitOptions } from './options';
import { notify } from '../app/notify';

type Field = 'email' | 'displayName' | 'role' | 'organisationId' | 'unitId' | 'password';
const FIELDS = ['email', 'displayName', 'role', 'organisationId', 'unitId', 'password'] as const;

type UserFormModalProps = {
  opened: boolean;
  /** The user to edit; none to create one. */
  user: User | null;
  organisations: readonly Organisation[];
  onClose: () => void;
};

export function UserFormModal({ opened, user, organisations, onClose }: UserFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      {opened ? (
        <UserForm key={user?.id ?? 'new'} user={user} organisations={organisations} onDone={onClose} />
      ) : null}
    </Modal>
  );
}

function UserForm({
  user,
  organisations,
  onDone,
}: {
  user: User | null;
  organisations: readonly Organisation[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role | null>(user?.role ?? null);
  const [organisationId, setOrganisationId] = useState<string | null>(user?.organisation.id ?? null);
  const [unitId, setUnitId] = useState<string | null>(user?.unit?.id ?? null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const units = unitOptions(organisations, organisationId);

  const validate = (): Partial<Record<Field, string>> => {
    const messages = {
      email: 'validation.email',
      displayName: 'validation.displayName',
      role: 'validation.role',
      organisationId: 'validation.organisation',
      unitId: 'validation.unit',
      password: 'password.followRules',
    } as const;
    const values = { displayName, role, organisationId, unitId };
    if (user) return schemaErrors(t, UserUpdateInput.safeParse(values), messages);
    const found = schemaErrors(t, UserCreateInput.safeParse({ ...values, email, password }), messages);
    if (passwordShapeProblem(password, email)) found.password = t('password.followRules');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !role || !organisationId) return;
    setSubmitting(true);
    try {
      if (user) {
        await adminApi.updateUser(user.id, { displayName, role, organisationId, unitId });
        notify.success({ message: t('users.updated', { name: displayName }) });
      } else {
        await adminApi.createUser({ email, displayName, role, organisationId, unitId, password });
        notify.success({
          title: t('users.createdTitle', { email: email.trim().toLowerCase() }),
          message: t('users.created'),
          autoClose: 10_000,
        });
      }
      await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
      onDone();
    } catch (error) {
      const field = errorField(error, FIELDS);
      if (field) setErrors({ [field]: errorText(t, error) });
      else setFormError(errorText(t, error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {formError ? <Alert color="red">{formError}</Alert> : null}
        {user ? null : (
          <TextInput
            label={t('users.email')}
            type="email"
            autoComplete="off"
            data-autofocus
            required
            value={email}
            error={errors.email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
        )}
        <TextInput
          label={t('users.displayName')}
          autoComplete="off"
          data-autofocus={user ? true : undefined}
          required
          value={displayName}
          error={errors.displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
        />
        <Select
          label={t('users.role')}
          description={role ? t(`roleDescriptions.${role}`) : undefined}
          placeholder={t('users.chooseRole')}
          data={roleOptions(t)}
          required
          value={role}
          error={errors.role}
          onChange={(value) => setRole(value && isRole(value) ? value : null)}
          allowDeselect={false}
        />
        <Select
          label={t('users.organisation')}
          placeholder={t('users.chooseOrganisation')}
          data={organisationOptions(organisations, user?.organisation.id)}
          searchable
          required
          value={organisationId}
          error={errors.organisationId}
          nothingFoundMessage={t('common.nothingFound')}
          onChange={(value) => {
            setOrganisationId(value);
            setUnitId(null);
          }}
          allowDeselect={false}
        />
        <Select
          label={t('users.unit')}
          placeholder={
            !organisationId
              ? t('users.chooseOrganisationFirst')
              : units.length
                ? t('users.noUnit')
                : t('users.organisationHasNoUnits')
          }
          data={units}
          clearable
          disabled={units.length === 0}
          value={unitId}
          error={errors.unitId}
          onChange={setUnitId}
        />
        {user ? null : (
          <>
            <PasswordInput
              label={t('users.initialPassword')}
              description={t('users.initialPasswordHelp')}
              autoComplete="new-password"
              required
              value={password}
              error={errors.password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
            />
            <PasswordHints id="initial-password-rules" password={password} email={email} />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitting}>
            {user ? t('common.save') : t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
