import {
  Organisation,
  OrganisationInput,
  OrganisationUpdate,
  UnitInput,
  User,
  UserCreateInput,
  UserQuery,
  UserUpdateInput,
} from '@bantay/core/admin/schema';
import { ROLE_PERMISSIONS, ROLES } from '@bantay/core/access/roles';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { createOrganisation, createUnit, listOrganisations, updateOrganisation } from './organisations';
import { changeUserState, createUser, getUser, listUsers, updateUser } from './users';

const IdParams = z.object({ id: z.uuid({ message: 'Not a valid id.' }) });
const tags = ['admin'];

export async function adminRoutes(app: ApiApp): Promise<void> {
  app.get('/api/admin/users', {
    config: { access: 'admin:users' },
    schema: {
      tags,
      summary: 'Users, filtered.',
      querystring: UserQuery,
      response: { 200: z.object({ users: z.array(User) }) },
    },
    handler: async (request) => ({ users: await listUsers(contextOf(request), request.query) }),
  });

  app.post('/api/admin/users', {
    config: { access: 'admin:users' },
    schema: {
      tags,
      summary: 'Create a user with a role, organisation and initial password.',
      body: UserCreateInput,
      response: { 201: User },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createUser(contextOf(request), request.body)),
  });

  app.get('/api/admin/users/:id', {
    config: { access: 'admin:users' },
    schema: { tags, summary: 'One user (the read is audited).', params: IdParams, response: { 200: User } },
    handler: async (request) => getUser(contextOf(request), request.params.id),
  });

  app.patch('/api/admin/users/:id', {
    config: { access: 'admin:users' },
    schema: {
      tags,
      summary: 'Change name, role, organisation or unit.',
      params: IdParams,
      body: UserUpdateInput,
      response: { 200: User },
    },
    handler: async (request) => updateUser(contextOf(request), request.params.id, request.body),
  });

  for (const action of ['disable', 'enable', 'unlock', 'reset-mfa'] as const) {
    app.post(`/api/admin/users/:id/${action}`, {
      config: { access: 'admin:users' },
      schema: { tags, summary: `${action} the account.`, params: IdParams, response: { 200: User } },
      handler: async (request) => changeUserState(contextOf(request), request.params.id, action),
    });
  }

  app.get('/api/admin/roles', {
    config: { access: 'admin:users' },
    schema: {
      tags,
      summary: 'The roles and the permissions each grants.',
      response: {
        200: z.object({
          roles: z.array(z.object({ role: z.enum(ROLES), permissions: z.array(z.string()) })),
        }),
      },
    },
    handler: async () => ({
      roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
    }),
  });

  // Anyone who administers users needs the organisation list to place them.
  app.get('/api/admin/organisations', {
    config: { access: 'admin:users' },
    schema: {
      tags,
      summary: 'Organisations with their units.',
      response: { 200: z.object({ organisations: z.array(Organisation) }) },
    },
    handler: async () => ({ organisations: await listOrganisations(app.deps.db) }),
  });

  app.post('/api/admin/organisations', {
    config: { access: 'admin:organisations' },
    schema: {
      tags,
      summary: 'Create an organisation.',
      body: OrganisationInput,
      response: { 201: Organisation },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createOrganisation(contextOf(request), request.body)),
  });

  app.patch('/api/admin/organisations/:id', {
    config: { access: 'admin:organisations' },
    schema: {
      tags,
      summary: 'Change or disable an organisation.',
      params: IdParams,
      body: OrganisationUpdate,
      response: { 200: Organisation },
    },
    handler: async (request) => updateOrganisation(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/admin/organisations/:id/units', {
    config: { access: 'admin:organisations' },
    schema: {
      tags,
      summary: 'Add a unit to an organisation.',
      params: IdParams,
      body: UnitInput,
      response: { 201: Organisation },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createUnit(contextOf(request), request.params.id, request.body.name)),
  });
}
