import type { Permission } from '@bantay/core/access/permissions';
import type { z } from 'zod';
import { contextOf, type RequestContext } from '../../access/request';
import type { ApiApp } from './api-app';

/** What a module's add-routes share: its OpenAPI tags, the `:id` it takes, the `{ id }` it answers. */
type AddRouteSchemas = {
  tags: string[];
  params: z.ZodObject<{ id: z.ZodType<string> }>;
  created: z.ZodObject<{ id: z.ZodType<string> }>;
};

/**
 * The routes of a module that add one thing to a record (`POST …/:id/<things>`): the body
 * checked by its schema, 201 with the new id; the permission declared like every route's.
 */
export function addRouteFor({ tags, params, created }: AddRouteSchemas) {
  return function addRoute<Body extends z.ZodType>(
    app: ApiApp,
    url: string,
    route: {
      access: Permission;
      summary: string;
      body: Body;
      add: (ctx: RequestContext, id: string, input: z.output<Body>) => Promise<{ id: string }>;
    },
  ): void {
    app.post(url, {
      config: { access: route.access },
      schema: { tags, summary: route.summary, params, body: route.body, response: { 201: created } },
      // Fastify has checked the body against `route.body`; the generic type is only not carried through.
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(await route.add(contextOf(request), request.params.id, request.body as z.output<Body>)),
    });
  };
}
