/** The bases systems can be compared at (kept free of zod so the CLI can name them at start-up). */
export const EQUAL_BASES = ['devices', 'systems', 'power', 'capex'] as const;
