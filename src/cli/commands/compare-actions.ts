/**
 * `chipmix compare train|infer`: one workload on several systems, side by side, with a verdict that
 * respects the error bands. The options become the request of src/core/compare/request.ts (the body of
 * POST /api/compare), checked by the same schema; `--json` prints the same response document.
 */
import type { Command } from 'commander';
import { compareSystems } from '../../core/compare/compare';
import {
  type CompareRequestInput,
  inferCompareRequestSchema,
  trainCompareRequestSchema,
} from '../../core/compare/request';
import { printJson, printLine } from '../output-option';
import { defined, lower, modelInput, numeric, orUsageError, requestFrom } from '../request';
import { catalogFor } from './catalog-actions';
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

export function trainAction(this: Command, options: CompareOptions) {
  respond(this, 'train', options);
}

export function inferAction(this: Command, options: CompareOptions) {
  respond(this, 'infer', options);
}
