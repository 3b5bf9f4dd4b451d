/**
 * Availability dates for planners. A catalog date is as precise as its source ("2026-Q4", "2027-H1",
 * "2026"); planning needs a day, so each form maps to the first day of its period: a product announced
 * for Q4 is taken to be buyable from 1 October, the earliest reading of the announcement. The
 * optimism is deliberate and documented (docs/CATALOG.md#roadmap-entries): a planner that needs a
 * margin adds it to the date, not to the catalog.
 */
import { AVAILABILITY_PATTERN, type Availability } from './schema';

const QUARTER_START = { 1: '01', 2: '04', 3: '07', 4: '10' } as const;
const HALF_START = { 1: '01', 2: '07' } as const;

/** The first ISO day (YYYY-MM-DD) of an availability value; null when the value is malformed. */
export function availabilityStart(value: string): string | null {
  if (!AVAILABILITY_PATTERN.test(value)) return null;
  const year = value.slice(0, 4);
  const rest = value.slice(5);
  if (rest === '') return `${year}-01-01`;
  if (rest.startsWith('Q')) return `${year}-${QUARTER_START[Number(rest[1]) as 1 | 2 | 3 | 4]}-01`;
  if (rest.startsWith('H')) return `${year}-${HALF_START[Number(rest[1]) as 1 | 2]}-01`;
  return rest.length === 2 ? `${year}-${rest}-01` : value;
}

/** The first day of an entry's sourced availability, or null when the catalog has none. */
export function availableFromDate(availability: Availability | undefined): string | null {
  return availability === undefined ? null : availabilityStart(availability.value);
}
