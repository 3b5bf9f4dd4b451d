/**
 * The store's tables as Kysely sees them. One schema for SQLite and PostgreSQL, so every column
 * uses a type both share: text for ids, dates (`YYYY-MM-DD`, compared as strings) and timestamps
 * (ISO 8601 UTC), integer 0/1 for booleans, double precision for fractions and money.
 * Every mutable row has a `version` for optimistic locking.
 */
import type { Generated } from 'kysely';

export interface OrganisationTable {
  id: string;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SiteTable {
  /** The site's name is its key: CSV and NetBox rows refer to sites by name. */
  name: string;
  organisation_id: string;
  region: string | null;
  state_funded: number;
  project_completion_pct: number | null;
  commissioning_date: string | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface HardwareTable {
  id: string;
  site: string;
  hardware_id: string;
  quantity: number;
  status: string;
  install_date: string | null;
  decommission_date: string | null;
  /** Serial numbers separated by `;` (one per unit), or null for count-only records. */
  serial: string | null;
  notes: string | null;
  purchase_order_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PurchaseOrderTable {
  id: string;
  site: string | null;
  vendor: string | null;
  ordered_date: string | null;
  expected_date: string | null;
  status: string;
  value_usd: number | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Policies are append-only: adding a policy with a known id stores version n+1. */
export interface PolicyTable {
  id: string;
  version: number;
  /** The policy document as JSON (see src/core/policy/schema.ts). */
  document: string;
  created_at: string;
  created_by: string;
}

export interface UserTable {
  name: string;
  role: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_name: string;
  label: string | null;
  /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** Append-only: every write, with who, when, what, and the row before and after (JSON). */
export interface ChangeLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  /** Groups the entries of one command or import. */
  batch: string | null;
}

/** One row (id 1): moved by every write; see migrations.ts. */
export interface StoreRevisionTable {
  id: number;
  /** bigint: PostgreSQL returns it as a string. */
  revision: number | string;
}

export interface Database {
  organisations: OrganisationTable;
  sites: SiteTable;
  hardware: HardwareTable;
  purchase_orders: PurchaseOrderTable;
  policies: PolicyTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  change_log: ChangeLogTable;
  store_revision: StoreRevisionTable;
}
