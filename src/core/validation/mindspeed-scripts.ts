/**
 * What a MindSpeed-LLM example script states that a row's transcription lost. The README performance table of
 * MindSpeed-LLM (commit 1ea39226, 2024-10-24) gives tokens/s per NPU; the layout comes from the example script the row
 * names (training_runs.csv: HW-MSLLM-*, `source_locator`). Facts about the scripts, read at that commit, never fitted.
 *
 * `--num-layer-list` is one argparse string that MindSpeed splits on commas (modellink/training/arguments.py: it
 * must name pp counts). One script writes it with a space after each comma, `--num-layer-list 11, 13, 19, 21`; the
 * row's note kept the first word, `num-layer-list=11,`. Taken literally by the shell the script would not start
 * (Megatron's parse_args rejects the unrecognised `13,` `19,` `21`), so the run the README measured split the 64
 * layers 11, 13, 19 and 21: the only four-stage reading of the line, and the one its numbers add up to.
 */
interface ScriptReading {
  /** The example script, as the row's source locator names it. */
  readonly script: string;
  /** The commit the row cites. */
  readonly commit: string;
  readonly layersPerStage: readonly number[];
  /** The line as the script writes it. */
  readonly quote: string;
}

const READINGS: readonly ScriptReading[] = [
  {
    script: 'examples/mcore/qwen25/pretrain_qwen25_32b_32K_ptd.sh',
    commit: '1ea39226',
    layersPerStage: [11, 13, 19, 21],
    quote: '--num-layer-list 11, 13, 19, 21',
  },
];

/**
 * The pipeline split a row's MindSpeed script states when the row's own note lost part of it: the note's counts
 * must be the start of the script's list (so a reading never contradicts what the row says).
 */
export function mindSpeedScriptStages(
  sourceLocator: string,
  noteStages: readonly number[],
): { stages: number[]; source: string } | undefined {
  for (const reading of READINGS) {
    if (!sourceLocator.includes(reading.script) || !sourceLocator.includes(reading.commit)) continue;
    if (noteStages.some((count, i) => reading.layersPerStage[i] !== count)) continue;
    return {
      stages: [...reading.layersPerStage],
      source: `${reading.script} @${reading.commit}: "${reading.quote}"`,
    };
  }
  return undefined;
}
