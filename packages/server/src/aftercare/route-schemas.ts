import { z } from 'zod';

/** Pieces every aftercare route shares. */
export const tags = ['aftercare'];
export const Params = z.object({ id: z.uuid({ message: 'Not an id.' }) });
export const Ok = z.object({ ok: z.literal(true) });
export const Created = z.object({ id: z.uuid() });
export const ok = { ok: true as const };
