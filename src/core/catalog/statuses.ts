/** Where an entry stands in its life (see schema.ts); kept free of zod so the CLI can name them at start-up. */
export const STATUSES = ['shipping', 'announced', 'rumoured', 'retired'] as const;
