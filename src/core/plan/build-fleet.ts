/**
 * The fleet's constraint groups: purchase and kept-installed columns, capacity (devices used <= kept +
 * bought), site power caps and availability (licence volume) caps. Formulation: docs/PLANNER.md.
 */
import {
  energyUsdPerDevice,
  groupName,
  type MilpBuilder,
  siteOptionKey,
  splitSiteOptionKey,
} from './build-model';
import type { Term } from './milp';

/** b[s,o] (integer purchase units) and k[s,o] (installed devices kept), with their costs. */
export function addFleetColumns(m: MilpBuilder): void {
  const { problem } = m;
  for (const site of problem.sites) {
    const si = m.siteIndex.get(site.id)!;
    for (const option of problem.options) {
      const oi = m.optionIndex.get(option.id)!;
      const installed = site.installed[option.id] ?? 0;
      if (installed > 0) {
        const name = `k_${si}_${oi}`;
        const retirable = site.retirable?.includes(option.id) ?? false;
        m.variables.push({ name, type: 'integer', lb: retirable ? 0 : installed, ub: installed });
        m.keep.push({ variable: name, site: site.id, option, installed });
        m.keepVar.set(siteOptionKey(site.id, option.id), name);
        m.addDevices(site.id, option.id, { variable: name, coef: 1 });
        m.costTerms.push({ variable: name, coef: energyUsdPerDevice(problem, option, site) });
      }
      if (option.available) {
        const name = `b_${si}_${oi}`;
        // The caps also bound the column: a tighter box helps branch and bound.
        let ub = Number.POSITIVE_INFINITY;
        if (option.maxNewDevices !== null && m.enforced(groupName.availability(option.id)))
          ub = Math.floor(option.maxNewDevices / option.unitDevices);
        if (site.powerCapW !== null && m.enforced(groupName.power(site.id)))
          ub = Math.min(
            ub,
            Math.floor(site.powerCapW / (option.powerWPerDevice * site.pue * option.unitDevices)),
          );
        m.variables.push({
          name,
          type: 'integer',
          lb: 0,
          ...(Number.isFinite(ub) ? { ub: Math.max(0, ub) } : {}),
        });
        m.buy.push({ variable: name, site: site.id, option });
        m.addDevices(site.id, option.id, { variable: name, coef: option.unitDevices });
        m.costTerms.push({
          variable: name,
          coef: option.unitDevices * (option.priceUsdPerDevice + energyUsdPerDevice(problem, option, site)),
        });
      }
    }
  }
}

/** Devices used <= kept + bought, and devices used from the installed base <= kept. */
export function addCapacityRows(m: MilpBuilder): void {
  for (const [k, terms] of m.usage) {
    const [s, o] = splitSiteOptionKey(k);
    const have = m.devicesAt.get(k) ?? [];
    m.constraints.push({
      name: `cap_${m.siteIndex.get(s)}_${m.optionIndex.get(o)}`,
      group: '',
      terms: [...terms, ...have.map((t) => ({ variable: t.variable, coef: -t.coef }))],
      sense: '<=',
      rhs: 0,
    });
  }
  for (const [k, terms] of m.installedUsage) {
    const [s, o] = splitSiteOptionKey(k);
    const kept = m.keepVar.get(k);
    m.constraints.push({
      name: `inst_${m.siteIndex.get(s)}_${m.optionIndex.get(o)}`,
      group: '',
      terms: [...terms, ...(kept ? [{ variable: kept, coef: -1 }] : [])],
      sense: '<=',
      rhs: 0,
    });
  }
}

/** Site power: sum of devices x W x PUE <= cap (in MW). */
export function addPowerRows(m: MilpBuilder): void {
  for (const site of m.problem.sites) {
    if (site.powerCapW === null) continue;
    const terms: Term[] = [];
    for (const option of m.problem.options)
      for (const t of m.devices(site.id, option.id))
        terms.push({ variable: t.variable, coef: (t.coef * option.powerWPerDevice * site.pue) / 1e6 });
    if (!terms.length) continue;
    const name = groupName.power(site.id);
    m.addRow(
      {
        name: `power_${m.siteIndex.get(site.id)}`,
        group: name,
        terms,
        sense: '<=',
        rhs: site.powerCapW / 1e6,
      },
      { name, kind: 'power', subject: site.id, siteId: site.id },
    );
  }
}

/** Devices bought of an option over all sites <= its cap. */
export function addAvailabilityRows(m: MilpBuilder): void {
  for (const option of m.problem.options) {
    if (!option.available || option.maxNewDevices === null) continue;
    const terms = m.buy
      .filter((b) => b.option.id === option.id)
      .map((b) => ({ variable: b.variable, coef: option.unitDevices }));
    const name = groupName.availability(option.id);
    m.addRow(
      {
        name: `avail_${m.optionIndex.get(option.id)}`,
        group: name,
        terms,
        sense: '<=',
        rhs: option.maxNewDevices,
      },
      { name, kind: 'availability', subject: option.id },
    );
  }
}
