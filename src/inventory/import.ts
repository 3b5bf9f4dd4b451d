/**
 * Writes a parsed inventory to the store in ONE transaction: sites, purchase orders, hardware,
 * policies and their change-log entries commit together or not at all. A crash or kill mid-import
 * leaves the store as it was (SQLite WAL / PostgreSQL both discard an uncommitted transaction).
 * What is written is the plan of ./plan.ts (added, changed, removed, duplicates left alone), which
 * `previewImport` shows without writing.
 */
import type { Kysely } from 'kysely';
import {
  DEFAULT_SITE_ATTRIBUTES,
  type ParsedInventory,
  type SiteAttributes,
  type SiteInput,
  type StoredHardware,
  type StoredSite,
} from '../core/inventory/records';
import { RULE_SELECTING_SITE_FIELDS } from '../core/inventory/site-defaults';
import { say } from '../core/messages/say';
import type { Issue } from '../core/result';
import type { WriteContext } from '../store/context';
import { deleteHardwareRecords, insertHardware, listHardwareById, updateHardware } from '../store/hardware';
import type { Store } from '../store/open';
import { getPolicyVersion, insertPolicyVersion } from '../store/policies';
import { savePurchaseOrders } from '../store/purchase-orders';
import type { Database } from '../store/schema';
import { createSites, listSites, updateSite } from '../store/sites';
import { describeRecord, type ImportPlan, type PlanOptions, planHardware, planToken } from './plan';

export interface ImportOptions extends PlanOptions {
  /**
   * Whether the import may add policy versions (compliance rules) or change the facts rules select existing sites by
   * (region, state funding, completion: RULE_SELECTING_SITE_FIELDS). False for a server user below admin: such a
   * snapshot is then refused whole.
   */
  readonly allowPolicyChanges?: boolean;
  /** The `confirmation` of a preview: the import is refused unless it does exactly that. */
  readonly confirm?: string;
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
  /** The file's name, for a refusal. */
  readonly file?: string;
}

export interface ImportSummary {
  /** The change-log batch: `chipmix inventory undo BATCH` reverts the import. */
  readonly batch: string;
  readonly sitesCreated: number;
  readonly sitesUpdated: number;
  readonly hardwareCreated: number;
  readonly hardwareUpdated: number;
  readonly hardwareDeleted: number;
  /** Rows identical to a stored record, not added again. */
  readonly hardwareDuplicates: number;
  readonly policiesAdded: number;
  /** Purchase orders created or updated (JSON snapshots). */
  readonly purchaseOrdersWritten: number;
  readonly warnings: string[];
}

/** At most this many example lines per kind in a preview. */
const SAMPLE = 20;

export interface ImportPreview {
  readonly sitesCreated: string[];
  readonly sitesUpdated: string[];
  readonly hardware: { added: number; changed: number; removed: number; duplicates: number };
  /** A few lines of each kind, for a person to check. */
  readonly samples: { added: string[]; changed: string[]; removed: string[]; duplicates: string[] };
  readonly policiesAdded: string[];
  /** Send back as `confirm` to import exactly this (refused if the store changed meanwhile). */
  readonly confirmation: string;
  readonly warnings: string[];
}

/** A snapshot that contradicts the store (a policy version with other content). Nothing is written. */
export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
}

/** The file breaks a rule only the store's contents show (a serial already stored). Nothing is written. */
export class ImportInvalidError extends Error {
  override readonly name = 'ImportInvalidError';
  constructor(
    readonly file: string,
    readonly issues: readonly Issue[],
  ) {
    super(say('import.refused', { file, count: issues.length }));
  }
}

/** Refuses a plan that breaks a rule against the stored records (at most 200 issues, as the parsers report). */
function refuseClashes(plan: ImportPlan, file: string): void {
  if (plan.serialClashes.length > 0) throw new ImportInvalidError(file, plan.serialClashes.slice(0, 200));
}

/** The import would change what the user may not change (the rules). Nothing is written. */
export class ImportForbiddenError extends Error {
  override readonly name = 'ImportForbiddenError';
}

/** Sites of the file that exist and whose given attributes differ. */
function siteUpdates(existing: ReadonlyMap<string, StoredSite>, sites: readonly SiteInput[]): SiteInput[] {
  return sites.filter((site) => {
    const before = existing.get(site.name);
    if (!before) return false;
    const { name: _name, ...attributes } = site;
    return (Object.keys(attributes) as (keyof typeof attributes)[]).some(
      (key) => attributes[key] !== undefined && attributes[key] !== before[key],
    );
  });
}

/** Policy versions of the file not stored yet; a stored one with other content is a conflict. */
async function newPolicies(db: Kysely<Database>, inventory: ParsedInventory) {
  const added: NonNullable<ParsedInventory['policies']>[number][] = [];
  for (const policy of inventory.policies ?? []) {
    const stored = await getPolicyVersion(db, policy.id, policy.version);
    if (!stored) added.push(policy);
    else if (JSON.stringify(stored) !== JSON.stringify(policy.document))
      throw new ImportConflictError(
        `policy ${policy.id} version ${policy.version} differs from the stored one; nothing was written`,
      );
  }
  return added;
}

/** The first rule-selecting fact a new site is given other than the default (none: undefined). */
export function setsRuleSelectingFact(site: Partial<SiteAttributes>): string | undefined {
  return RULE_SELECTING_SITE_FIELDS.find(
    (f) => site[f] !== undefined && site[f] !== DEFAULT_SITE_ATTRIBUTES[f],
  );
}

/** The first rule-selecting fact two sites differ in (a site without a record has the defaults). */
export function differingRuleFact(
  a: Partial<SiteAttributes> | undefined,
  b: Partial<SiteAttributes> | undefined,
): string | undefined {
  const fact = (site: Partial<SiteAttributes> | undefined, f: (typeof RULE_SELECTING_SITE_FIELDS)[number]) =>
    site?.[f] ?? DEFAULT_SITE_ATTRIBUTES[f];
  return RULE_SELECTING_SITE_FIELDS.find((f) => fact(a, f) !== fact(b, f));
}

/**
 * Why a user without the admin role may not make this import, or undefined: it changes a fact compliance rules select
 * sites by, creates a site with one set, moves a record between sites the rules see differently, or adds a policy.
 * One check for the preview and the import, so an editor's preview refuses what the import would (it showed a clean
 * preview, and the import then answered 403).
 */
function nonAdminRefusal(
  existing: ReadonlyMap<string, StoredSite>,
  fileSites: readonly SiteInput[],
  plan: ImportPlan,
  policies: readonly { readonly id: string; readonly version: number }[],
): string | undefined {
  for (const site of siteUpdates(existing, fileSites)) {
    const before = existing.get(site.name)!;
    const field = RULE_SELECTING_SITE_FIELDS.find((f) => site[f] !== undefined && site[f] !== before[f]);
    if (field)
      return say('import.site-rule-facts', {
        field,
        site: site.name,
        from: String(before[field]),
        to: String(site[field]),
      });
  }
  const created = fileSites.filter((site) => !existing.has(site.name));
  const site = created.find(setsRuleSelectingFact);
  if (site)
    return say('import.new-site-rule-facts', { site: site.name, field: setsRuleSelectingFact(site)! });
  // the sites as the import leaves them: the file's given facts over the stored ones
  const after = new Map<string, Partial<SiteAttributes>>(existing);
  for (const fileSite of fileSites) {
    const given = Object.fromEntries(Object.entries(fileSite).filter(([, v]) => v !== undefined));
    after.set(fileSite.name, { ...existing.get(fileSite.name), ...given });
  }
  for (const { before, after: moved } of plan.changed) {
    const field = differingRuleFact(after.get(before.site), after.get(moved.site));
    if (before.site !== moved.site && field)
      return say('import.move-rule-facts', { record: before.id, from: before.site, to: moved.site, field });
  }
  const policy = policies[0];
  if (policy) return say('import.policy-needs-admin', { id: policy.id, version: policy.version });
  return undefined;
}

function warningsOf(inventory: ParsedInventory, plan: ImportPlan): string[] {
  const warnings = [...inventory.warnings];
  if (plan.repeatedInFile > 0) warnings.push(say('import.repeated-rows', { rows: plan.repeatedInFile }));
  return warnings;
}

/** What the import would do, read from the store without writing (and without waiting for writers). */
export async function previewImport(
  store: Store,
  inventory: ParsedInventory,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const db = store.db;
  const existing = new Map((await listSites(db)).map((s) => [s.name, s]));
  const plan = planHardware(await listHardwareById(db), inventory, options);
  refuseClashes(plan, options.file ?? 'the file');
  const policies = await newPolicies(db, inventory);
  if (options.allowPolicyChanges === false) {
    const refusal = nonAdminRefusal(existing, inventory.sites, plan, policies);
    if (refusal) throw new ImportForbiddenError(refusal);
  }
  const sample = <T>(items: readonly T[], line: (item: T) => string) => items.slice(0, SAMPLE).map(line);
  return {
    sitesCreated: [...new Set(inventory.sites.map((s) => s.name))].filter((name) => !existing.has(name)),
    sitesUpdated: siteUpdates(existing, inventory.sites).map((s) => s.name),
    hardware: {
      added: plan.added.length,
      changed: plan.changed.length,
      removed: plan.removed.length,
      duplicates: plan.duplicates.length,
    },
    samples: {
      added: sample(plan.added, describeRecord),
      changed: sample(plan.changed, (c) => `${describeRecord(c.before)} -> ${describeRecord(c.after)}`),
      removed: sample(plan.removed, describeRecord),
      duplicates: sample(plan.duplicates, (d) => `same as ${describeRecord(d.existing)}`),
    },
    policiesAdded: policies.map((p) => `${p.id}@${p.version}`),
    confirmation: planToken(plan),
    warnings: warningsOf(inventory, plan),
  };
}

export async function importInventory(
  store: Store,
  ctx: WriteContext,
  inventory: ParsedInventory,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return store.db.transaction().execute(async (trx) => {
    const existing = new Map((await listSites(trx)).map((s) => [s.name, s]));
    // planned once, before anything is written (sites and purchase orders do not change the hardware plan)
    const plan = planHardware(await listHardwareById(trx), inventory, options);
    const policies = await newPolicies(trx, inventory);
    if (options.allowPolicyChanges === false) {
      const refusal = nonAdminRefusal(existing, inventory.sites, plan, policies);
      if (refusal) throw new ImportForbiddenError(refusal);
    }
    const created = await createSites(trx, ctx, inventory.sites);
    const updates = siteUpdates(existing, inventory.sites);
    for (const site of updates) {
      const { name, ...attributes } = site;
      await updateSite(trx, ctx, name, existing.get(name)!.version, attributes);
    }
    const purchaseOrdersWritten = inventory.purchaseOrders
      ? await savePurchaseOrders(trx, ctx, inventory.purchaseOrders)
      : 0;

    refuseClashes(plan, options.file ?? 'the file');
    if (options.confirm !== undefined && options.confirm !== planToken(plan))
      throw new ImportConflictError(
        'the store changed since the preview (another import or edit); nothing was written: preview again',
      );
    const hardwareDeleted = await deleteHardwareRecords(trx, ctx, plan.removed);
    for (const { before, after } of plan.changed) {
      const { id: _id, ...fields } = after;
      await updateHardware(trx, ctx, before.id, before.version, canonical(fields));
    }
    await insertHardware(trx, ctx, plan.added, options.onProgress);

    for (const policy of policies) await insertPolicyVersion(trx, ctx, policy);
    return {
      batch: ctx.batch,
      sitesCreated: created.length,
      sitesUpdated: updates.length,
      hardwareCreated: plan.added.length,
      hardwareUpdated: plan.changed.length,
      hardwareDeleted,
      hardwareDuplicates: plan.duplicates.length,
      policiesAdded: policies.length,
      purchaseOrdersWritten,
      warnings: warningsOf(inventory, plan),
    };
  });
}

function canonical(h: Omit<StoredHardware, 'id' | 'version'>) {
  return {
    site: h.site,
    hardwareId: h.hardwareId,
    quantity: h.quantity,
    status: h.status,
    installDate: h.installDate,
    decommissionDate: h.decommissionDate,
    serials: [...h.serials],
    notes: h.notes,
    purchaseOrderId: h.purchaseOrderId,
  };
}

export { DEFAULT_SITE_ATTRIBUTES };
