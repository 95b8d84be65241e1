import type { User } from '@bantay/core/admin/schema';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<User['status'], string> = { active: 'teal', locked: 'orange', disabled: 'gray' };

export function UserStatusBadge({ status }: { status: User['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="dot">
      {t(`userStatus.${status}`)}
    </Badge>
  );
}
