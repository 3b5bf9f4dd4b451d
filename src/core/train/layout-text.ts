/** A layout in one line, `tp4 pp2 vp5 dp8 mbs1 recompute=selective zero1`: the CLI's tables and the web page. */
import type { TrainLayout } from './types';

export function layoutText(l: TrainLayout): string {
  const parts = [`tp${l.tp}`, `pp${l.pp}`];
  if (l.vp > 1) parts.push(`vp${l.vp}`);
  parts.push(`dp${l.dp}`);
  if (l.cp > 1) parts.push(`cp${l.cp}`);
  if (l.ep > 1) parts.push(`ep${l.ep}`, `etp${l.etp}`);
  if (l.ep > 1 && l.overlapEpComm) parts.push('ep-overlap');
  if (l.ep > 1 && l.moeDispatcher === 'dedup') parts.push('dedup-dispatch');
  parts.push(`mbs${l.mbs}`, `recompute=${l.recompute}`, `zero${l.zero}`);
  if (l.schedule !== '1f1b') parts.push(l.schedule);
  if (l.tp > 1 && !l.sequenceParallel) parts.push('no-sp');
  if (!l.flashAttention) parts.push('unfused-attention');
  if (l.fullIterationCudaGraph) parts.push('cuda-graph');
  if (l.layersPerStage) parts.push(`stages=${l.layersPerStage.join('/')}`);
  return parts.join(' ');
}
