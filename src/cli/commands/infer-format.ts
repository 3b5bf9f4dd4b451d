/** Human-readable output of the serving commands. */

import type { InferenceValidationReport } from '../../core/infer/accuracy';
import type { ServingEstimate } from '../../core/infer/estimate';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n1 = (x: number) => x.toFixed(1);

function layoutText(e: ServingEstimate): string {
  const unit = e.logicalPerDevice > 1 ? ' (in dies)' : '';
  return `TP${e.layout.tp} x DP${e.layout.dp}, EP${e.layout.ep}${unit}`;
}

/**
 * The decode line's timing. In mixed steps the decode rate is that of a decode-only step, while TPOT is the mixed
 * step's (prompt chunks ride in it): both are printed, so that batch / step time gives the rate shown.
 */
function decodeTiming(e: ServingEstimate): string {
  if (e.schedule !== 'mixed') return `TPOT ${n1(e.tpotMs)} ms`;
  return `${n1(e.decode.seconds * 1000)} ms a decode-only step; TPOT ${n1(e.tpotMs)} ms in mixed steps`;
}

/** What the prefill share is: of devices (disaggregated), of device time (alternating), of each mixed step's tokens. */
function prefillShareText(e: ServingEstimate): string {
  const pct = Math.round(e.prefillDeviceShare * 100);
  if (e.schedule === 'disaggregated') return `${pct}% of the devices prefill`;
  if (e.schedule === 'mixed') return `${pct}% of each step's tokens are prompt tokens`;
  return `${pct}% of device time on prefill`;
}

export function renderServingEstimate(e: ServingEstimate, searched: boolean): string {
  const b = e.errorBand;
  const band = `+/-${n1(b.bandPct)}% (${n0(b.low)}-${n0(b.high)} output tokens/s per device): ${b.basisText}`;
  const lines = [
    `${e.hardwareId} x ${e.devices} (${e.family}); ${e.deviceUnit}`,
    `engine ${e.engineName} (${e.engine}, ${e.engineSource}); ${e.schedule === 'mixed' ? 'prompt chunks ride in decode steps' : e.schedule === 'alternating' ? 'prefill and decode batches alternate' : 'disaggregated prefill and decode pools'}${e.microBatchOverlap ? '; two micro-batches overlap communication with compute' : ''}`,
    `layout ${layoutText(e)}${searched ? (e.problems.length > 0 ? ' (no searched layout serves this request: the least over memory capacity, then the fastest)' : ' (best of the searched layouts)') : ''}; weights ${e.precision.dense}${e.precision.experts !== e.precision.dense ? `, experts ${e.precision.experts}` : ''}, KV cache ${e.precision.kvCacheBytes === 1 ? '8-bit' : 'bf16'}`,
    ...(e.problems.length > 0 ? [`NOT USABLE AS ASKED: ${e.problems.join('; ')}`] : []),
    '',
    `prefill  ${n0(e.prefillTokensPerSecondPerDevice).padStart(9)} input tokens/s per device   (${e.prefill.bound}-bound; TTFT ${n0(e.ttftMs)} ms under load, ${e.schedule === 'mixed' ? 'its prompt chunks riding the mixed steps' : `a batch of ${n0(e.prefillTokensPerDevice)} prompt tokens per device`}; ${n0(e.ttftAloneMs)} ms for one prompt alone)`,
    `decode   ${n0(e.decodeTokensPerSecondPerDevice).padStart(9)} output tokens/s per device  (batch ${n1(e.batchPerDevice)} per device, ${decodeTiming(e)}, ${e.decode.bound}-bound${e.tokensPerStep > 1 ? `, ${e.tokensPerStep.toFixed(2)} tokens/step with MTP` : ''})`,
    `serving  ${n0(e.outputTokensPerSecondPerDevice).padStart(9)} output tokens/s per device for whole requests (${prefillShareText(e)})`,
    `memory   ${n1(e.memoryPerDeviceGB.totalGB)} GB per device (weights ${n1(e.memoryPerDeviceGB.weightsGB)}, KV cache ${n1(e.memoryPerDeviceGB.kvCacheGB)} of a ${n1(e.memoryPerDeviceGB.kvBudgetGB)} GB engine budget; runtime ${n1(e.memoryPerDeviceGB.runtimeGB)}; capacity ${e.memoryPerDeviceGB.capacityGB}); batch limit by memory ${n1(e.maxBatchPerDeviceByMemory)}`,
    `error band ${band}`,
  ];
  for (const w of e.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export function renderServingSearch(ranked: readonly ServingEstimate[]): string {
  const header = `${'layout'.padEnd(30)} ${'serving'.padStart(9)} ${'prefill'.padStart(9)} ${'decode'.padStart(9)} ${'batch'.padStart(7)} ${'TPOT ms'.padStart(8)} ${'GB'.padStart(6)}  problems`;
  const rows = ranked.map((e) => {
    // a layout that cannot serve the request as asked has no rates to rank: its problem says why
    const usable = e.problems.length === 0;
    const rate = (x: number, digits: 0 | 1) => (usable ? (digits === 0 ? n0(x) : n1(x)) : '-');
    return `${layoutText(e).padEnd(30)} ${rate(e.outputTokensPerSecondPerDevice, 0).padStart(9)} ${rate(e.prefillTokensPerSecondPerDevice, 0).padStart(9)} ${rate(e.decodeTokensPerSecondPerDevice, 0).padStart(9)} ${rate(e.batchPerDevice, 1).padStart(7)} ${rate(e.tpotMs, 1).padStart(8)} ${n1(e.memoryPerDeviceGB.totalGB).padStart(6)}  ${e.problems.join('; ')}`;
  });
  const note = ranked[0] ? `tokens/s and GB per device; ${ranked[0].deviceUnit}` : 'no layout';
  return [header, ...rows, '', note].join('\n');
}

/** The validation report as text: rows, per-family errors, skipped rows with reasons. */
export function formatInferenceValidation(report: InferenceValidationReport): string {
  const lines: string[] = [];
  lines.push(
    `${'run'.padEnd(48)} ${'family'.padEnd(18)} ${'engine'.padEnd(11)} ${'phase'.padEnd(7)} ${'kind'.padEnd(6)} ${'measured'.padStart(9)} ${'predicted'.padStart(9)} ${'error'.padStart(8)}`,
  );
  for (const r of report.rows) {
    lines.push(
      `${r.runId.padEnd(48)} ${r.family.padEnd(18)} ${r.engine.padEnd(11)} ${r.phase.padEnd(7)} ${r.tokenKind.padEnd(6)} ${n0(r.measured).padStart(9)} ${n0(r.predicted).padStart(9)} ${`${r.errorPct >= 0 ? '+' : ''}${n1(r.errorPct)}%`.padStart(8)}`,
    );
  }
  lines.push(
    '',
    'tokens/s per device (a 910C package, a GPU); error = (predicted - measured) / measured with the committed calibration',
    'the cross-validated (leave-one-source-out) errors: npx tsx scripts/fit-inference.ts --check',
    '',
  );
  lines.push(
    `${'family'.padEnd(18)} ${'rows'.padStart(4)} ${'median |err|'.padStart(12)} ${'mean |err|'.padStart(10)} ${'max |err|'.padStart(9)}`,
  );
  for (const f of [...report.families, report.overall]) {
    lines.push(
      `${f.family.padEnd(18)} ${String(f.rows).padStart(4)} ${`${n1(f.medianAbsErrorPct)}%`.padStart(12)} ${`${n1(f.meanAbsErrorPct)}%`.padStart(10)} ${`${n1(f.maxAbsErrorPct)}%`.padStart(9)}`,
    );
  }
  lines.push('', `skipped ${report.skipped.length} rows:`);
  for (const s of report.skipped) lines.push(`  ${s.runId}: ${s.reason}`);
  return lines.join('\n');
}
