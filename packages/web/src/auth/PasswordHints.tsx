import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordShapeProblem,
} from '@bantay/core/auth/password-policy';
import { List, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconPoint } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const MET = 'teal.9';
const NOT_MET = 'gray.7';

/**
 * The password rules as the user types: length and "not your e-mail" are checked here,
 * the common-password list on the server when the form is sent.
 */
export function PasswordHints({ password, email, id }: { password: string; email?: string; id: string }) {
  const { t } = useTranslation();
  const length = [...password].length;
  const problem = passwordShapeProblem(password, email);
  const lengthOk = length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
  const rules = [
    {
      key: 'length',
      ok: lengthOk,
      text: t('password.ruleLength', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, current: length }),
    },
    { key: 'email', ok: password.length > 0 && problem !== 'same_as_email', text: t('password.ruleEmail') },
    { key: 'common', ok: password.length > 0 && problem !== 'common', text: t('password.ruleCommon') },
  ];
  return (
    <div id={id}>
      <Text size="sm" fw={500} mb={4}>
        {t('password.rulesTitle')}
      </Text>
      <List size="sm" spacing={2} center>
        {rules.map((rule) => (
          <List.Item
            key={rule.key}
            icon={
              <ThemeIcon size={18} radius="xl" color={rule.ok ? MET : NOT_MET} variant="filled" aria-hidden>
                {rule.ok ? <IconCheck size={12} /> : <IconPoint size={12} />}
              </ThemeIcon>
            }
          >
            {rule.text}
            <VisuallyHidden>{rule.ok ? t('password.met') : t('password.notMet')}</VisuallyHidden>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
