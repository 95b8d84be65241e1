export * from './access/permissions';
export * from './access/roles';
export * from './access/actor';
export * from './errors';
