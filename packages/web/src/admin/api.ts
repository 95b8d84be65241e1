import type { Role } from '@bantay/core/access/roles';
import {
  Organisation,
  User,
  type OrganisationInput,
  type UserCreateInput,
  type UserUpdateInput,
} from '@bantay/core/admin/schema';
import { useQuery } from '@tanstack/react-query';
import { api, type Parser } from '../api/client';

export type UserStatus = User['status'];
export type UserFilters = { q?: string; organisationId?: string; role?: Role; status?: UserStatus };
export type UserAction = 'disable' | 'enable' | 'unlock' | 'reset-mfa';
export type OrganisationUpdate = Partial<OrganisationInput> & { disabled?: boolean };

/** Every admin query lives under this key, so one invalidation refreshes the screens. */
export const ADMIN_KEY = 'admin';

const listOf = <T>(key: string, item: Parser<T>): Parser<T[]> => ({
  parse: (data) => {
    const list: unknown =
      typeof data === 'object' && data !== null && key in data ? data[key as keyof typeof data] : null;
    if (!Array.isArray(list)) throw new TypeError(`Expected {${key}: [...]}.`);
    return list.map((entry) => item.parse(entry));
  },
});

export const adminApi = {
  users: (filters: UserFilters) =>
    api.get('/api/admin/users', { query: filters, parser: listOf('users', User) }),
  createUser: (input: UserCreateInput) => api.post('/api/admin/users', input, { parser: User }),
  updateUser: (id: string, input: UserUpdateInput) =>
    api.patch(`/api/admin/users/${id}`, input, { parser: User }),
  changeUserState: (id: string, action: UserAction) =>
    api.post(`/api/admin/users/${id}/${action}`, {}, { parser: User }),
  organisations: () => api.get('/api/admin/organisations', { parser: listOf('organisations', Organisation) }),
  createOrganisation: (input: OrganisationInput) =>
    api.post('/api/admin/organisations', input, { parser: Organisation }),
  updateOrganisation: (id: string, input: OrganisationUpdate) =>
    api.patch(`/api/admin/organisations/${id}`, input, { parser: Organisation }),
  addUnit: (organisationId: string, name: string) =>
    api.post(`/api/admin/organisations/${organisationId}/units`, { name }, { parser: Organisation }),
};

export function useOrganisations() {
  return useQuery({ queryKey: [ADMIN_KEY, 'organisations'], queryFn: adminApi.organisations });
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [ADMIN_KEY, 'users', filters],
    queryFn: () => adminApi.users(filters),
    placeholderData: (previous) => previous,
  });
}
