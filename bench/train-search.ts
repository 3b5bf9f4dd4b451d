/**
 * Layout-search benchmark (issue 3): prints layouts evaluated per second and wall time for
 *   1. llama3.1-405b on 16,384 nvidia-h100-sxm5-80gb, seq 8192, global batch 2048 sequences;
 *   2. Megatron's 1T GPT (128 layers, h 25600, 160 heads) on 3,072 nvidia-a100-sxm4-80gb, seq 2048, batch 3072;
 * and the search's heap memory. Run: `npx tsx bench/train-search.ts`.
 */
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { resolveHardware } from '../src/core/hardware/profile';
import { resolveModel } from '../src/core/model/presets';
import { buildContext } from '../src/core/train/context';
import { searchLayouts } from '../src/core/train/search';

const catalog = loadBuiltinCatalog();

function bench(
  label: string,
  modelName: string,
  hardwareId: string,
  devices: number,
  seqLen: number,
  globalBatchSeqs: number,
) {
  const model = resolveModel(modelName);
  const hardware = resolveHardware(catalog, hardwareId);
  if (!model.ok || !hardware.ok) throw new Error('bad bench input');
  const ctx = buildContext(
    model.value,
    hardware.value,
    { seqLen, globalBatchSeqs, precision: 'bf16' },
    devices,
  );
  searchLayouts(ctx, {}, { top: 10 }); // warm-up (JIT)
  const heapBefore = process.memoryUsage().heapUsed;
  const runs = 5;
  let evaluated = 0;
  let best = Number.POSITIVE_INFINITY;
  let result = searchLayouts(ctx, {}, { top: 10 });
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = searchLayouts(ctx, {}, { top: 10 });
    const seconds = (performance.now() - started) / 1000;
    best = Math.min(best, seconds);
    evaluated = result.evaluated;
  }
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const top = result.top[0]!;
  const l = top.layout;
  console.log(
    `${label}: ${evaluated.toLocaleString('en-US')} layouts (${result.feasible.toLocaleString('en-US')} fit) in ${best.toFixed(3)} s ` +
      `= ${(evaluated / best / 1e6).toFixed(2)} M layouts/s; heap growth ${heapMB.toFixed(1)} MB; ` +
      `best tp${l.tp} pp${l.pp} vp${l.vp} dp${l.dp} cp${l.cp} mbs${l.mbs} ${l.recompute} zero${l.zero}: ${top.evaluation.stepSeconds.toFixed(2)} s/step`,
  );
}

bench('llama3.1-405b / 16384 x H100', 'llama3.1-405b', 'nvidia-h100-sxm5-80gb', 16384, 8192, 2048);
bench('megatron-1t / 3072 x A100', 'megatron-1t', 'nvidia-a100-sxm4-80gb', 3072, 2048, 3072);
