/**
 * How many devices each compared system gets. The first system has the devices asked for; the others
 * get the same devices, the same number of whole systems, or the largest engine-friendly device count
 * whose all-in power or capex stays within the first's (docs/COMPARE.md, "Equal bases").
 */
import { deviceGrid } from '../plan/candidates';
import type { EqualBasis } from './request';

export interface SizingFacts {
  readonly unitDevices: number;
  readonly powerWPerDevice: number | null;
  readonly priceUsdPerDevice: number | null;
}

export interface Budget {
  readonly devices: number;
  readonly systems: number;
  readonly powerW: number | null;
  readonly capexUsd: number | null;
}

/** What the first system's devices hold fixed. */
export function budgetOf(first: SizingFacts, devices: number): Budget {
  return {
    devices,
    systems: devices / first.unitDevices,
    powerW: first.powerWPerDevice === null ? null : first.powerWPerDevice * devices,
    capexUsd: first.priceUsdPerDevice === null ? null : first.priceUsdPerDevice * devices,
  };
}

/**
 * Device counts to try for one system, best first: exactly the budget's for `devices` and `systems`;
 * under a power or capex budget, the counts of the planner's grid (powers of two, 1.5 x powers of two,
 * whole purchase units) that fit, largest first, since a layout must divide the devices. Empty when
 * the budget cannot be measured for this system (no power or price in the catalog).
 */
export function countsToTry(basis: EqualBasis, budget: Budget, facts: SizingFacts): number[] {
  if (basis === 'devices') return [budget.devices];
  if (basis === 'systems') return [Math.max(1, Math.round(budget.systems)) * facts.unitDevices];
  const perDevice = basis === 'power' ? facts.powerWPerDevice : facts.priceUsdPerDevice;
  const total = basis === 'power' ? budget.powerW : budget.capexUsd;
  if (perDevice === null || total === null || !(perDevice > 0)) return [];
  // A hair of tolerance: the first system's own count must fit its own budget exactly.
  const most = Math.floor(total / perDevice + 1e-9);
  if (most < 1) return [];
  return deviceGrid(facts.unitDevices, 1, most).reverse();
}
