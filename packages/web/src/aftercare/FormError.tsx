import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorWithDetail } from '../app/errors';

/** The error of a form's last submit, with the server's own words naming the field at fault. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { message, detail } = errorWithDetail(t, error);
  return (
    <Alert color="red" role="alert">
      <Text size="sm">{message}</Text>
      {detail ? <Text size="sm">{detail}</Text> : null}
    </Alert>
  );
}
