/** The store adapter: embedded SQLite or PostgreSQL behind one Kysely schema. */
export * from './changelog';
export * from './compliance';
export * from './context';
export * from './errors';
export * from './hardware';
export * from './open';
export * from './policies';
export * from './purchase-orders';
export * from './sites';
export * from './users';
