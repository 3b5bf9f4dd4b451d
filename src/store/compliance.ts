/**
 * The inventory as compliance reads it, summed in SQL over what compliance ignores (ids, serials,
 * notes): quantities on one date (a few hundred rows: what `comply status` needs), or the changes
 * of quantity per (site, hardware id, class, date) from which the core builds a ComplianceTimeline
 * for many dates. Quantities are summed as doubles: exact to 2^53, and no "integer overflow" from
 * rows stored before quantities were bounded.
 */
import type { Kysely } from 'kysely';
import type { QuantityChange } from '../core/compliance/timeline';
import type { Basis, HardwareRecord } from '../core/compliance/types';
import type { Database } from './schema';

const PIPELINE = ['planned', 'ordered'];

/**
 * Units per site and hardware id counting on `asOf` under `basis`, as records (installed, no dates)
 * that `evaluateCompliance` reads for that date only.
 */
export async function quantitiesAsOf(
  db: Kysely<Database>,
  asOf: string,
  basis: Basis,
): Promise<HardwareRecord[]> {
  let q = db
    .selectFrom('hardware')
    .select((eb) => [
      'site',
      'hardware_id',
      eb.fn.sum<number | string>(eb.cast('quantity', 'double precision')).as('quantity'),
    ])
    .where((eb) => eb.or([eb('install_date', 'is', null), eb('install_date', '<=', asOf)]))
    .where((eb) => eb.or([eb('decommission_date', 'is', null), eb('decommission_date', '>', asOf)]))
    // a retired record without a decommission date never counts
    .where((eb) => eb.or([eb('status', '!=', 'retired'), eb('decommission_date', 'is not', null)]));
  if (basis !== 'pipeline') q = q.where('status', 'not in', PIPELINE);
  const rows = await q.groupBy(['site', 'hardware_id']).execute();
  return rows.map((r) => ({
    site: r.site,
    hardwareId: r.hardware_id,
    quantity: Number(r.quantity),
    status: 'installed',
    installDate: null,
    decommissionDate: null,
  }));
}

/**
 * Every change of quantity: +units on install dates, -units on decommission dates, summed per
 * (site, hardware id, status, date). The first query follows the covering index
 * (site, hardware_id, status, install_date, ...) without sorting.
 */
export async function complianceChanges(db: Kysely<Database>): Promise<QuantityChange[]> {
  const installs = await db
    .selectFrom('hardware')
    .select((eb) => [
      'site',
      'hardware_id',
      'status',
      'install_date',
      eb.fn.sum<number | string>(eb.cast('quantity', 'double precision')).as('quantity'),
    ])
    .where((eb) => eb.or([eb('status', '!=', 'retired'), eb('decommission_date', 'is not', null)]))
    .groupBy(['site', 'hardware_id', 'status', 'install_date'])
    .execute();
  const removals = await db
    .selectFrom('hardware')
    .select((eb) => [
      'site',
      'hardware_id',
      'status',
      'decommission_date',
      eb.fn.sum<number | string>(eb.cast('quantity', 'double precision')).as('quantity'),
    ])
    .where('decommission_date', 'is not', null)
    .groupBy(['site', 'hardware_id', 'status', 'decommission_date'])
    .execute();
  const changes: QuantityChange[] = [];
  for (const r of installs)
    changes.push({
      site: r.site,
      hardwareId: r.hardware_id,
      pipelineOnly: PIPELINE.includes(r.status),
      date: r.install_date,
      quantity: Number(r.quantity),
    });
  for (const r of removals)
    changes.push({
      site: r.site,
      hardwareId: r.hardware_id,
      pipelineOnly: PIPELINE.includes(r.status),
      date: r.decommission_date,
      quantity: -Number(r.quantity),
    });
  return changes;
}
