/** The inventory file formats (kept free of zod so the CLI can name them at start-up). */
export const INVENTORY_FORMATS = ['csv', 'netbox', 'json'] as const;
