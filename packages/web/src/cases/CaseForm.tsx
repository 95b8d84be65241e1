import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorField, errorWithDetail } from '../app/errors';
import { notify } from '../app/notify';
import { CASES_KEY } from './api';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

type CaseFormProps<F extends string> = {
  /** Names the form for screen readers. */
  label: string;
  fields: readonly F[];
  submitLabel: string;
  /** Said in the corner once the change is saved. */
  doneMessage: string;
  /** Sends the change; an API error naming a field lands on that field. */
  send: () => Promise<unknown>;
  /** Checks before sending, in the user's language. */
  check?: () => FieldErrors<F>;
  onDone?: () => void;
  children: (errors: FieldErrors<F>) => ReactNode;
};

/**
 * Every form of a case: checks, sends, puts the server's complaint on the field it names
 * (or on top), refreshes the case's tabs, and says it is done.
 */
export function CaseForm<F extends string>({
  label,
  fields,
  submitLabel,
  doneMessage,
  send,
  check,
  onDone,
  children,
}: CaseFormProps<F>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check?.() ?? {};
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      await send();
      await queryClient.invalidateQueries({ queryKey: [CASES_KEY] });
      notify.success({ message: doneMessage });
      onDone?.();
    } catch (error) {
      const { message, detail } = errorWithDetail(t, error);
      const text = detail ? `${message} ${detail}` : message;
      const field = errorField(error, fields);
      if (field) setErrors({ [field]: text } as FieldErrors<F>);
      else setFormError(isApiError(error) ? text : message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={label}>
      <Stack gap="sm">
        {formError ? (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        ) : null}
        {children(errors)}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A button that opens a form in a dialog; the form closes the dialog when it is done. */
export function FormDialog({
  buttonLabel,
  buttonAriaLabel,
  title,
  compact = false,
  variant = 'light',
  children,
}: {
  buttonLabel: string;
  /** A fuller name when the same button repeats on a page ("Update WDCD 2026-14"). */
  buttonAriaLabel?: string;
  title: string;
  /** A narrow dialog for a short form. */
  compact?: boolean;
  variant?: 'light' | 'filled' | 'default';
  children: (close: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const close = () => setOpened(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpened(true)} aria-label={buttonAriaLabel}>
        {buttonLabel}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={title}
        size={compact ? 'md' : 'lg'}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened ? children(close) : null}
      </Modal>
    </>
  );
}

/** Empty text is "not given": the API takes undefined, not "". */
export const given = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);
