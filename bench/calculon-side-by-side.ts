/**
 * Side-by-side with Calculon on its own published cases (issue 11): Korthikanti et al. 2022 Table 5 (eight runs)
 * and Narayanan et al. 2021 (175B on 1,024 and 1T on 3,072 A100), each through `estimateTraining` with its
 * published layout. Prints the step time, the error and where the time goes, then the mean |error| next to
 * Calculon's. Then a current stack on A100: Dao 2023's four FlashAttention-2 runs (test/fixtures/judge/
 * flash-attention-2-a100-cases.ts), in TFLOP/s per GPU with that paper's FLOP count and as the engine's MFU.
 * Run: `npx tsx bench/calculon-side-by-side.ts`. The same cases are tests (test/judge-megatron.test.ts,
 * test/judge-flash-attention-2.test.ts).
 */
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { resolveHardware } from '../src/core/hardware/profile';
import { estimateTraining, type TrainEstimate } from '../src/core/train/estimate';
import { FLASH_ATTENTION_2_A100_CASES } from '../test/fixtures/judge/flash-attention-2-a100-cases';
import {
  CALCULON_MEAN_ABS_ERROR,
  type JudgeCase,
  MEGATRON_A100_CASES,
} from '../test/fixtures/judge/megatron-a100-cases';

const catalog = loadBuiltinCatalog();

export function estimateCase(c: JudgeCase): TrainEstimate {
  const hardware = resolveHardware(catalog, c.hardware);
  if (!hardware.ok) throw new Error(hardware.issues[0]!.message);
  const result = estimateTraining({
    model: c.model,
    hardware: hardware.value,
    devices: c.devices,
    setup: {
      seqLen: c.seqLen,
      globalBatchSeqs: c.globalBatchSeqs,
      precision: 'bf16',
      framework: c.framework,
    },
    layout: c.layout,
  });
  if (!result.ok) throw new Error(`${c.id}: ${result.issues[0]!.message}`);
  return result.value;
}

function printFlashAttention2(): void {
  console.log(
    '\nFlashAttention-2 end to end on 8 x A100 (Dao 2023, Table 1; a current fused stack, no recompute)',
  );
  console.log(`${'case'.padEnd(14)} measured  predicted TFLOP/s/GPU  error   engine MFU`);
  let sumSigned = 0;
  for (const c of FLASH_ATTENTION_2_A100_CASES) {
    const e = estimateCase(c);
    const predicted = (c.measuredTflopsPerGpu * c.measuredStepSeconds) / e.stepSeconds;
    const error = c.measuredStepSeconds / e.stepSeconds - 1;
    sumSigned += error;
    console.log(
      `${c.id.padEnd(14)} ${c.measuredTflopsPerGpu.toFixed(0).padStart(8)}  ${predicted.toFixed(0).padStart(9)}             ${(error * 100).toFixed(1).padStart(6)}%  ${(e.mfu * 100).toFixed(1)}%`,
    );
  }
  console.log(
    `mean signed throughput error ${((sumSigned / FLASH_ATTENTION_2_A100_CASES.length) * 100).toFixed(1)}% over ${FLASH_ATTENTION_2_A100_CASES.length} cases`,
  );
}

function main(): void {
  const pad = (text: string, n: number) => text.padEnd(n);
  const num = (x: number, digits = 2) => x.toFixed(digits).padStart(7);
  let sumAbs = 0;
  let worst = 0;
  console.log(
    `${pad('case', 16)} measured  predicted  error   compute recomp  tp-comm pp-comm bubble  dp-comm  fits`,
  );
  for (const c of MEGATRON_A100_CASES) {
    const e = estimateCase(c);
    const error = e.stepSeconds / c.measuredStepSeconds - 1;
    sumAbs += Math.abs(error);
    worst = Math.max(worst, Math.abs(error));
    const b = e.breakdown;
    console.log(
      `${pad(c.id, 16)} ${num(c.measuredStepSeconds)} s ${num(e.stepSeconds)} s ${(error * 100).toFixed(1).padStart(6)}%  ` +
        `${num(b.computeSeconds)} ${num(b.recomputeSeconds)} ${num(b.tpCommSeconds)} ${num(b.ppCommSeconds)} ${num(b.bubbleSeconds)} ${num(b.dpCommSeconds)}  ${e.fits ? 'yes' : `no (${e.memoryPerDeviceGB.toFixed(0)} GB)`}`,
    );
  }
  const mean = sumAbs / MEGATRON_A100_CASES.length;
  console.log(
    `\nchipmix mean |step error| ${(mean * 100).toFixed(1)}% (worst ${(worst * 100).toFixed(1)}%) over ${MEGATRON_A100_CASES.length} cases; Calculon ${(CALCULON_MEAN_ABS_ERROR * 100).toFixed(1)}% on the same cases`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main();
  printFlashAttention2();
}
