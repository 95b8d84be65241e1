const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id as the routes and tables take it: anything else cannot name a record. */
export const isUuid = (id: string): boolean => UUID.test(id);
