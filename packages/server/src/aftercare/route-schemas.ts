import { z } from 'zod';
import { addRouteFor } from '../platform/http/add-route';

/** Pieces every aftercare route shares. */
export const tags = ['aftercare'];
export const Params = z.object({ id: z.uuid({ message: 'Not an id.' }) });
export const Ok = z.object({ ok: z.literal(true) });
export const Created = z.object({ id: z.uuid() });
export const ok = { ok: true as const };

/** `POST …/:id/<things>`: adds one thing to a survivor record, 201 with its id. */
export const addRoute = addRouteFor({ tags, params: Params, created: Created });
