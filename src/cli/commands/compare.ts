/**
 * `chipmix compare train|infer`: one workload on several systems, side by side, with a verdict that
 * respects the error bands. The options become the request of src/core/compare/request.ts (the body of
 * POST /api/compare), checked by the same schema; `--json` prints the same response document.
 */
import type { Command } from 'commander';
import { compareSystems } from '../../core/compare/compare';
import {
  type CompareRequestInput,
  EQUAL_BASES,
  inferCompareRequestSchema,
  trainCompareRequestSchema,
} from '../../core/compare/request';
import { ENGINE_IDS } from '../../core/infer/engines';
import { SERVING_PRECISIONS } from '../../core/infer/types';
import { TRAIN_PRECISIONS } from '../../core/train/types';
import { printJson, printLine } from '../output';
import { defined, lower, modelInput, numeric, orUsageError, requestFrom } from '../request';
import { catalogFor } from './catalog';
import { renderComparison } from './compare-format';

interface CompareOptions {
  model: string;
  hardware: string;
  devices: string;
  equal?: string;
  precision?: string;
  json?: boolean;
  // train
  seqLen?: string;
  globalBatch?: string;
  tokens?: string;
  // infer
  inputLen?: string;
  outputLen?: string;
  tpotMs?: string;
  ttftMs?: string;
  engine?: string;
}

/** The request these options make, exactly as a client would send it to POST /api/compare. */
export function compareRequestInput(kind: 'train' | 'infer', o: CompareOptions): CompareRequestInput {
  const common = {
    kind,
    model: modelInput(o.model),
    hardware: o.hardware,
    devices: numeric(o.devices),
    equal: lower(o.equal),
    precision: lower(o.precision),
  };
  const fields =
    kind === 'train'
      ? { ...common, seqLen: numeric(o.seqLen), globalBatch: numeric(o.globalBatch), tokens: o.tokens }
      : {
          ...common,
          inputLen: numeric(o.inputLen),
          outputLen: numeric(o.outputLen),
          tpotMs: numeric(o.tpotMs),
          ttftMs: numeric(o.ttftMs),
          engine: lower(o.engine),
        };
  return defined(fields) as CompareRequestInput;
}

function commonOptions(command: Command): Command {
  return command
    .requiredOption('--model <name|config.json>', 'a model preset or a Hugging Face config.json')
    .requiredOption(
      '--hardware <a,b,c>',
      'catalog system or chip ids, comma-separated; the first is the reference',
    )
    .requiredOption('--devices <n>', "the first system's devices (packages)")
    .option('--equal <basis>', `compare at equal ${EQUAL_BASES.join('|')} (default devices)`)
    .option('--json', 'print one JSON document');
}

function respond(command: Command, kind: 'train' | 'infer', options: CompareOptions): void {
  const input = compareRequestInput(kind, options);
  const request =
    kind === 'train'
      ? requestFrom(trainCompareRequestSchema, input, options)
      : requestFrom(inferCompareRequestSchema, input, options);
  const result = compareSystems(catalogFor(command), request);
  // `hardware[1]` names the second id of --hardware: the flag is --hardware, the id is in the message.
  const response = orUsageError(
    result.ok
      ? result
      : { ...result, issues: result.issues.map((i) => ({ ...i, path: i.path.replace(/\[\d+\]$/, '') })) },
    options,
  );
  if (options.json) printJson(response);
  else printLine(renderComparison(response));
}

export function registerCompareCommands(program: Command): void {
  const compare = program
    .command('compare')
    .description('One workload on several systems: tokens/s per device, kW, $M, rack, with verdicts');

  commonOptions(
    compare
      .command('train')
      .description("training: each system's best layout, days to train, verdicts against the first"),
  )
    .requiredOption('--seq-len <tokens>', 'sequence length')
    .requiredOption('--global-batch <seqs>', 'global batch in sequences')
    .option('--precision <p>', `${TRAIN_PRECISIONS.join('|')} (default bf16)`)
    .option('--tokens <n>', 'training tokens, for days to train (e.g. 15T)')
    .action(function (this: Command, options: CompareOptions) {
      respond(this, 'train', options);
    });

  commonOptions(
    compare
      .command('infer')
      .description("serving: each system's best layout at the latency targets, verdicts against the first"),
  )
    .requiredOption('--input-len <tokens>', 'prompt tokens per request')
    .requiredOption('--output-len <tokens>', 'generated tokens per request')
    .option('--tpot-ms <ms>', 'time-per-output-token target')
    .option('--ttft-ms <ms>', 'time-to-first-token target')
    .option('--precision <p>', `${SERVING_PRECISIONS.join('|')} (default bf16)`)
    .option('--engine <name>', `${ENGINE_IDS.join('|')} on every system (default: each family's own)`)
    .action(function (this: Command, options: CompareOptions) {
      respond(this, 'infer', options);
    });
}
