/**
 * What a paper a row cites states about its run in prose, where the row's layout columns leave the field empty. Facts
 * read from the cited section, never fitted: each reading names its section and keeps to what the text implies.
 *
 * Llama 3 (Grattafiori et al. 2024, "The Llama 3 Herd of Models", arXiv 2407.21783, §3.3.2 "Pipeline parallelism
 * improvements"; the rows NV-LLAMA3-* cite its Table 4): to balance the pipeline Meta "reduce[s] one Transformer layer
 * each from the first and the last stages", so that "the first model chunk on the first stage has only the embedding,
 * and the last model chunk on the last stage has only output projection and loss calculation", with an interleaved
 * schedule of V stages per pipeline rank. A chunk that loses one layer and is left with none held one layer: every
 * model chunk is one layer slot, and the pipeline's slots are the layers plus the two the embedding and the output take
 * (126 + 2 = 128 for the 405B model on 16 stages: V = 8, and 7/8/.../8/7 transformer layers per stage, so the
 * heaviest stage holds 8 as in an even split).
 */
import type { PartialLayout } from '../train/types';

interface PaperReading {
  /** The paper, as the row's source_url cites it. */
  readonly url: string;
  /** Where the statement is. */
  readonly section: string;
  /** The layout fields it states, from the run's model and pipeline depth; undefined when they do not apply. */
  readonly stated: (layers: number, pp: number) => PartialLayout | undefined;
}

const READINGS: readonly PaperReading[] = [
  {
    url: 'arxiv.org/abs/2407.21783',
    section: 'Llama 3 §3.3.2: one layer per model chunk (the first chunk holds only the embedding)',
    stated: (layers, pp) => {
      const slots = layers + 2;
      return pp > 1 && slots % pp === 0 ? { vp: slots / pp } : undefined;
    },
  },
];

/** Layout fields the row's cited paper states in its text, with where; undefined when no reading applies. */
export function paperStatedLayout(
  sourceUrl: string,
  layers: number | undefined,
  pp: number | undefined,
): { stated: PartialLayout; source: string } | undefined {
  if (layers === undefined || pp === undefined) return undefined;
  for (const reading of READINGS) {
    if (!sourceUrl.includes(reading.url)) continue;
    const stated = reading.stated(layers, pp);
    if (stated) return { stated, source: reading.section };
  }
  return undefined;
}
