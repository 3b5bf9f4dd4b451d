/**
 * One workload on several systems, side by side, with a verdict that respects the error bands.
 *
 *   request ──resolve──▶ systems ──size (equal basis)──▶ device counts ──engine──▶ best layout each
 *           ──normalise──▶ per device / kW / $M / rack / system ──verdict──▶ rows
 *
 * Each system gets the engine's best layout at its device count (training: estimateTraining's search;
 * serving: the layout search at the latency targets). A verdict is `within-error` when the two systems'
 * error bands overlap. Semantics and their reasons: docs/COMPARE.md.
 */
import { type Catalog, catalogId } from '../catalog/catalog';
import { grouped } from '../contract';
import { type HardwareProfile, missingPerformanceFacts, resolveHardware } from '../hardware/profile';
import { gradeOf, type ProfileProvenance, profileProvenance } from '../hardware/provenance';
import { engineStackMismatch } from '../infer/engines';
import { searchLayouts as searchServingLayouts } from '../infer/layout';
import { DEFAULT_KV_CACHE_BYTES } from '../infer/types';
import { logicalDevicesPerDevice } from '../infer/units';
import { say } from '../messages/say';
import { resolveModel } from '../model/presets';
import type { ModelSpec } from '../model/schema';
import { deviceGrid, layoutText } from '../plan/candidates';
import { fail, type Issue, ok, type Result } from '../result';
import { estimateTraining } from '../train/estimate';
import type {
  CompareRequest,
  CompareResponse,
  CompareRow,
  InferCompareRequest,
  TrainCompareRequest,
  Verdict,
} from './request';
import { type Budget, budgetOf, countsToTry, type SizingFacts } from './sizing';

/** One system's engine result at one device count. */
interface Measured {
  readonly devices: number;
  readonly layout: string;
  readonly tokensPerSecondPerDevice: number;
  /** Relative p90 band r: measured within [x / (1 + r), x / max(1 - r, 0.1)]. */
  readonly relative: number;
  readonly basis: string;
  readonly calibrated: boolean;
  readonly daysToTrain: number | null;
  readonly ttftMs: number | null;
  readonly tpotMs: number | null;
  readonly warnings: string[];
}

interface System {
  readonly id: string;
  readonly profile: HardwareProfile;
  readonly provenance: ProfileProvenance;
  readonly facts: SizingFacts;
}

/** At most this many device counts are tried per system under a power or capex budget. */
const MAX_TRIES = 8;

/** The band's ends for a point estimate x and relative p90 error r (as the training engine's). */
export function bandOf(x: number, relative: number): { low: number; high: number } {
  return { low: x / (1 + relative), high: x / Math.max(1 - relative, 0.1) };
}

/** `within-error` when the bands overlap, else which way the point estimates point. */
export function verdictOf(
  point: number,
  band: { low: number; high: number },
  reference: number,
  referenceBand: { low: number; high: number },
): Verdict {
  if (band.low <= referenceBand.high && referenceBand.low <= band.high) return 'within-error';
  return point > reference ? 'faster' : 'slower';
}

function trainOn(req: TrainCompareRequest, model: ModelSpec, hw: HardwareProfile, devices: number) {
  const r = estimateTraining({
    model,
    hardware: hw,
    devices,
    setup: {
      seqLen: req.seqLen,
      globalBatchSeqs: req.globalBatch,
      precision: req.precision,
      ...(req.tokens === undefined ? {} : { totalTokens: req.tokens }),
    },
  });
  if (!r.ok) return fail<Measured>(...r.issues);
  const e = r.value;
  if (!e.fits)
    return fail<Measured>({
      code: 'compare.fit',
      path: 'devices',
      message: say('compare.no-fit', { capacity: hw.hbmCapacityGB }),
    });
  return ok<Measured>({
    devices,
    layout: layoutText(e.layout),
    tokensPerSecondPerDevice: e.tokensPerSecondPerDevice,
    relative: e.errorBand.relative,
    basis: e.errorBand.basis,
    calibrated: e.hardware.calibrated,
    daysToTrain: e.daysToTrain,
    ttftMs: null,
    tpotMs: null,
    warnings: e.warnings,
  });
}

/**
 * Serving instance sizes to try on `devices` packages: the divisors of the count on the planner's grid
 * (powers of two, 1.5 x powers of two) and the whole count. A system serves as replicas of its best
 * instance; one instance over every package is only one of the layouts (docs/COMPARE.md, "Serving").
 */
export function instanceSizes(devices: number): number[] {
  const sizes = new Set(deviceGrid(devices, 1, devices).filter((d) => devices % d === 0));
  sizes.add(devices);
  return [...sizes].sort((a, b) => b - a);
}

function serveOn(req: InferCompareRequest, model: ModelSpec, hw: HardwareProfile, devices: number) {
  // a chip the catalog gives no peak or memory figures cannot be costed: listed as failed, not 0 tok/s or a throw
  const missing = missingPerformanceFacts(hw, 'bf16-or-fp16');
  if (missing.length) return fail<Measured>(...missing);
  const perPackage = logicalDevicesPerDevice(hw);
  let best: ReturnType<typeof searchServingLayouts>[number] | undefined;
  let bestSize = devices;
  let problem: string | undefined;
  for (const size of instanceSizes(devices)) {
    const top = searchServingLayouts(
      {
        model,
        hw,
        workload: { inputTokens: req.inputLen, outputTokens: req.outputLen, draftTokens: 0, acceptance: 0 },
        precision: {
          dense: req.precision,
          experts: req.precision,
          kvCacheBytes: DEFAULT_KV_CACHE_BYTES,
        },
        tpotTargetMs: req.tpotMs,
        ttftTargetMs: req.ttftMs,
        engine: req.engine,
      },
      {},
      size * perPackage,
    )[0];
    if (!top || top.problems.length) {
      problem ??= top?.problems[0];
      continue;
    }
    // Strictly better only: among equals the larger instance (fewer replicas) is kept.
    if (!best || top.outputTokensPerSecondPerDevice > best.outputTokensPerSecondPerDevice) {
      best = top;
      bestSize = size;
    }
  }
  if (!best)
    return fail<Measured>({
      code: 'compare.serve',
      path: 'devices',
      message: problem ?? 'no serving layout',
    });
  const band = best.errorBand;
  const replicas = devices / bestSize;
  return ok<Measured>({
    devices,
    layout: `${replicas > 1 ? `${replicas} x ` : ''}(tp${best.layout.tp} dp${best.layout.dp} ep${best.layout.ep}) on ${bestSize} devices, batch ${best.batchPerDevice.toFixed(0)}/device, ${best.engineName}`,
    tokensPerSecondPerDevice: best.outputTokensPerSecondPerDevice,
    // the serving band is its cross-validated p90 (widened where few sources stand behind it), as training's
    relative: band.bandPct / 100,
    basis: band.basisText,
    calibrated: band.calibrated,
    daysToTrain: null,
    ttftMs: best.ttftMs,
    tpotMs: best.tpotMs,
    warnings: best.warnings,
  });
}

function measure(req: CompareRequest, model: ModelSpec, system: System, counts: number[]) {
  let last: Result<Measured> = fail({
    code: 'compare.size',
    path: 'equal',
    message: say('compare.no-count'),
  });
  for (const n of counts.slice(0, MAX_TRIES)) {
    last =
      req.kind === 'train' ? trainOn(req, model, system.profile, n) : serveOn(req, model, system.profile, n);
    if (last.ok) return last;
  }
  return last;
}

function rowOf(system: System, m: Measured): Omit<CompareRow, 'relativeToFirst'> {
  const { profile, provenance, facts } = system;
  const total = m.tokensPerSecondPerDevice * m.devices;
  const systems = m.devices / facts.unitDevices;
  const powerKW = facts.powerWPerDevice === null ? null : (facts.powerWPerDevice * m.devices) / 1000;
  const capexUsd = facts.priceUsdPerDevice === null ? null : facts.priceUsdPerDevice * m.devices;
  const racksPer = provenance.racksPerSystem?.spec.value ?? null;
  const racks = racksPer === null ? null : systems * racksPer;
  const band = bandOf(m.tokensPerSecondPerDevice, m.relative);
  const warnings = [...new Set(m.warnings)];
  if (powerKW === null) warnings.push(say('compare.no-power', { system: system.id }));
  if (capexUsd === null) warnings.push(say('compare.no-price', { system: system.id }));
  // the profile's own warning, named by its system so the comparison lists it with the others (response warnings)
  if (provenance.peak?.spec.confidence === 'rumour') {
    // said once, with its system's name (the estimate's unnamed copy is dropped)
    const rumour = say('hardware.rumour-peak', { chip: provenance.chipId });
    const at = warnings.indexOf(rumour);
    if (at >= 0) warnings.splice(at, 1);
    warnings.push(say('common.subject', { subject: system.id, warning: rumour }));
  }
  return {
    hardware: system.id,
    name: profile.systemId ? `${profile.chipName} (${profile.systemId})` : profile.chipName,
    vendor: profile.vendor,
    domestic: profile.domestic,
    devices: m.devices,
    systems,
    layout: m.layout,
    tokensPerSecond: total,
    tokensPerSecondPerDevice: m.tokensPerSecondPerDevice,
    band: { ...band, relative: m.relative, basis: m.basis },
    calibrated: m.calibrated,
    tokensPerSecondPerSystem: total / systems,
    tokensPerSecondPerKW: powerKW ? total / powerKW : null,
    tokensPerSecondPerMillionUsd: capexUsd ? total / (capexUsd / 1e6) : null,
    tokensPerSecondPerRack: racks ? total / racks : null,
    powerKW,
    capexUsd,
    racks,
    daysToTrain: m.daysToTrain,
    ttftMs: m.ttftMs,
    tpotMs: m.tpotMs,
    confidence: {
      peak: gradeOf(provenance.peak),
      power: gradeOf(provenance.power),
      price: gradeOf(provenance.price),
    },
    warnings,
  };
}

function resolveSystems(catalog: Catalog, ids: readonly string[]): Result<System[]> {
  const systems: System[] = [];
  const issues: Issue[] = [];
  ids.forEach((typed, i) => {
    // an id in any case (NVIDIA-DGX-H100): the profile resolved it, and the provenance lookup by the typed id found
    // nothing, so the system was dropped without a word (the reference included)
    const id = catalogId(catalog, typed);
    const r = resolveHardware(catalog, id);
    const provenance = profileProvenance(catalog, id);
    if (!r.ok || !provenance) {
      const why = r.issues ?? [
        { code: 'unknown_hardware', path: '', message: say('hardware.unknown', { id: typed }) },
      ];
      issues.push(...why.map((issue) => ({ ...issue, path: `hardware[${i}]` })));
      return;
    }
    systems.push({
      id,
      profile: r.value,
      provenance,
      facts: {
        unitDevices: provenance.unitDevices,
        powerWPerDevice: r.value.powerWPerDevice,
        priceUsdPerDevice: r.value.priceUsdPerDevice,
      },
    });
  });
  return issues.length ? fail(...issues) : ok(systems);
}

const fmt = (x: number) => (x >= 100 ? grouped(Math.round(x)) : x >= 10 ? x.toFixed(1) : x.toPrecision(3));

function summaryOf(rows: readonly CompareRow[], unit: string): string[] {
  const first = rows[0];
  if (!first) return [];
  return rows.slice(1).map((r) => {
    const rel = r.relativeToFirst!;
    const words =
      rel.verdict === 'within-error'
        ? `within the error bands of ${first.hardware} (the bands overlap)`
        : `${rel.verdict} than ${first.hardware} beyond the error bands`;
    return `${r.hardware}: ${fmt(r.tokensPerSecond)} ${unit} on ${grouped(r.devices)} devices, ${rel.ratio.toFixed(2)}x ${first.hardware} (${rel.low.toFixed(2)}-${rel.high.toFixed(2)}x at the band ends): ${words}`;
  });
}

export function compareSystems(catalog: Catalog, req: CompareRequest): Result<CompareResponse> {
  const model = resolveModel(req.model);
  if (!model.ok)
    return fail(...model.issues.map((i) => ({ ...i, path: i.path ? `model.${i.path}` : 'model' })));
  const resolved = resolveSystems(catalog, req.hardware);
  if (!resolved.ok) return resolved;
  const systems = resolved.value;
  // one engine asked for every system: each must be able to run it
  if (req.kind === 'infer' && req.engine) {
    const engine = req.engine;
    const issues = systems.flatMap((s) => {
      const message = engineStackMismatch(engine, s.profile.softwareStack, s.id);
      return message ? [{ code: 'infer.engine_stack', path: 'engine', message }] : [];
    });
    if (issues.length) return fail(...issues);
  }
  const first = systems[0]!;
  const budget: Budget = budgetOf(first.facts, req.devices);
  if (req.equal === 'power' && budget.powerW === null)
    return fail({
      code: 'compare.budget',
      path: 'equal',
      message: say('compare.equal-power-unknown', { system: first.id }),
    });
  if (req.equal === 'capex' && budget.capexUsd === null)
    return fail({
      code: 'compare.budget',
      path: 'equal',
      message: say('compare.equal-capex-unknown', { system: first.id }),
    });
  const rows: CompareRow[] = [];
  const failed: CompareResponse['failed'] = [];
  const warnings: string[] = [];
  for (const [i, system] of systems.entries()) {
    const counts = i === 0 ? [req.devices] : countsToTry(req.equal, budget, system.facts);
    if (!counts.length) {
      failed.push({
        hardware: system.id,
        devices: 0,
        reason: req.equal === 'power' ? say('compare.unsized-power') : say('compare.unsized-capex'),
      });
      continue;
    }
    const m = measure(req, model.value, system, counts);
    if (!m.ok) {
      failed.push({
        hardware: system.id,
        devices: counts[0]!,
        reason: m.issues[0]?.message ?? say('compare.no-estimate'),
      });
      if (i === 0)
        return fail({
          code: 'compare.reference',
          path: 'hardware[0]',
          message: say('compare.reference', {
            system: system.id,
            devices: req.devices,
            reason: m.issues[0]?.message ?? say('compare.no-estimate'),
          }),
        });
      continue;
    }
    rows.push({ ...rowOf(system, m.value), relativeToFirst: null });
  }
  const ref = rows[0]!;
  const refBand = { low: ref.band.low * ref.devices, high: ref.band.high * ref.devices };
  for (const row of rows.slice(1)) {
    const band = { low: row.band.low * row.devices, high: row.band.high * row.devices };
    (row as { relativeToFirst: CompareRow['relativeToFirst'] }).relativeToFirst = {
      ratio: row.tokensPerSecond / ref.tokensPerSecond,
      low: band.low / refBand.high,
      high: band.high / refBand.low,
      verdict: verdictOf(row.tokensPerSecond, band, ref.tokensPerSecond, refBand),
    };
  }
  for (const row of rows) warnings.push(...row.warnings.filter((w) => w.startsWith(`${row.hardware}:`)));
  const unit = req.kind === 'train' ? 'tokens/s' : 'output tokens/s';
  return ok({
    kind: req.kind,
    model: model.value.name,
    equal: req.equal,
    budget: {
      devices: budget.devices,
      systems: budget.systems,
      powerKW: budget.powerW === null ? null : budget.powerW / 1000,
      capexUsd: budget.capexUsd,
    },
    unit,
    rows,
    failed,
    summary: summaryOf(rows, unit),
    warnings,
  });
}
