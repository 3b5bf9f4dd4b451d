/**
 * Hardware options: the scenario's purchasable hardware plus anything only installed at a site, with
 * the numbers the MILP needs per device (price, all-in power, the share metrics).
 */
import type { Catalog } from '../catalog/catalog';
import { type HardwareProfile, resolveHardware } from '../hardware/profile';
import { resolveHardware as resolveForShares } from '../policy/share';
import type { OptionData } from './problem';
import type { Scenario } from './scenario';

export interface ResolvedOption {
  readonly data: OptionData;
  readonly profile: HardwareProfile;
}

/** Resolves every option; the scenario must have passed checkScenario (ids and specs exist). */
export function resolveOptions(scenario: Scenario, catalog: Catalog): ResolvedOption[] {
  const out: ResolvedOption[] = [];
  const listed = new Map(scenario.hardware.map((h) => [h.id, h]));
  const ids = [...listed.keys()];
  for (const site of scenario.sites)
    for (const line of site.installed) if (!ids.includes(line.hardware)) ids.push(line.hardware);
  for (const id of ids) {
    const given = listed.get(id);
    const resolved = resolveHardware(catalog, id);
    if (!resolved.ok) throw new Error(`unresolved hardware ${id}: run checkScenario first`);
    const profile = resolved.value;
    const system = profile.systemId ? catalog.systems.get(profile.systemId) : undefined;
    const forShares = resolveForShares(catalog, id);
    const priceUsdPerDevice = given?.priceUsdPerDevice ?? profile.priceUsdPerDevice ?? 0;
    const powerWPerDevice = given?.powerWPerDevice ?? profile.powerWPerDevice;
    if (powerWPerDevice === null) throw new Error(`no power for ${id}: run checkScenario first`);
    out.push({
      profile,
      data: {
        id,
        chipId: profile.chipId,
        vendor: profile.vendor,
        domestic: profile.domestic,
        unitDevices: given?.unitDevices ?? system?.specs.chipsPerSystem.value ?? 1,
        priceUsdPerDevice,
        powerWPerDevice,
        leadTimeDays: given?.leadTimeDays ?? 0,
        maxNewDevices: given?.maxDevices ?? null,
        // Only installed (not listed under hardware): cannot be bought.
        available: given ? given.available : false,
        metricPerDevice: {
          count: 1,
          bf16Compute: forShares?.perPackage.bf16Compute ?? null,
          // The price the plan pays per device (its capex): the scenario's override, else the catalog's.
          spend: given?.priceUsdPerDevice ?? (priceUsdPerDevice || null),
          power: forShares?.perPackage.power ?? null,
        },
      },
    });
  }
  return out;
}
