/**
 * The training form as typed, and the request it makes (src/core/train/request.ts): no JSX, so the
 * parity test runs it beside the CLI in Node.
 */
import { ATTENTION_KINDS, EXPERT_KERNELS, type TrainRequestInput } from '../core/train/request';
import { MOE_DISPATCHERS, PIPELINE_SCHEDULES, RECOMPUTE_MODES } from '../core/train/types';

/**
 * The form holds text as typed; `toBody` makes the request of src/core/train/request.ts from it,
 * field for field the request `chipmix train estimate` makes from its flags. A blank field is a field
 * not sent: searched, or the framework's default, exactly as a flag not given on the command line.
 */
export interface Form {
  model: string;
  config: string;
  hardware: string;
  devices: string;
  seqLen: string;
  globalBatch: string;
  precision: string;
  tokens: string;
  framework: string;
  layout: Record<string, string>;
}

export const LAYOUT_NUMBERS = ['tp', 'pp', 'vp', 'dp', 'cp', 'ep', 'etp', 'mbs'] as const;
export const LAYOUT_CHOICES = {
  recompute: RECOMPUTE_MODES,
  zero: ['0', '1', '2', '3'],
  schedule: PIPELINE_SCHEDULES,
  attention: ATTENTION_KINDS,
  experts: EXPERT_KERNELS,
  dispatcher: MOE_DISPATCHERS,
} as const;
/** On/off switches: blank leaves the framework's default. */
export const LAYOUT_SWITCHES = [
  'sequenceParallel',
  'tpOverlap',
  'gradOverlap',
  'paramGatherOverlap',
  'epOverlap',
  'cudaGraph',
  'reuseFp32Params',
] as const;
export const CUSTOM = '__config__';
// No layout field is given: everything is searched, as on the command line without layout flags.
export const DEFAULT_FORM: Form = {
  model: 'llama3-8b',
  config: '',
  hardware: 'huawei-atlas-800t-a2',
  devices: '64',
  seqLen: '4096',
  globalBatch: '512',
  precision: 'bf16',
  tokens: '1T',
  framework: '',
  layout: {},
};

/** The form as the request's JSON body; what cannot be parsed is passed on so the schema names it. */
export function toBody(form: Form): TrainRequestInput {
  let model: unknown = form.model;
  if (form.model === CUSTOM) {
    try {
      model = JSON.parse(form.config);
    } catch {
      model = form.config;
    }
  }
  const numberOrText = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);
  const given = (key: string) => (form.layout[key] ?? '').trim();
  const layout: Record<string, unknown> = {};
  for (const key of LAYOUT_NUMBERS) if (given(key) !== '') layout[key] = numberOrText(given(key));
  for (const key of Object.keys(LAYOUT_CHOICES))
    if (given(key) !== '') layout[key] = key === 'zero' ? Number(given(key)) : given(key);
  for (const key of LAYOUT_SWITCHES) if (given(key) !== '') layout[key] = given(key) === 'true';
  // "11,13,19,21" -> [11, 13, 19, 21]; the schema names a bad entry
  if (given('layersPerStage') !== '')
    layout.layersPerStage = given('layersPerStage')
      .split(',')
      .map((s) => numberOrText(s));
  return {
    model,
    hardware: form.hardware,
    devices: numberOrText(form.devices),
    seqLen: numberOrText(form.seqLen),
    globalBatch: numberOrText(form.globalBatch),
    precision: form.precision,
    ...(form.tokens.trim() ? { tokens: form.tokens.trim() } : {}),
    ...(form.framework ? { framework: form.framework } : {}),
    layout,
  } as TrainRequestInput;
}

/**
 * What a layout search's results depend on besides the layout fields: the model, hardware, devices, batch and the
 * rest. Results found for another key are out of date (a llama3-8b x 64 table under a llama3-70b x 256 form); a
 * layout field is what the table's "Use" sets, so it does not date them.
 */
export function searchKey(form: Form): string {
  const { layout: _layout, ...rest } = toBody(form) as Record<string, unknown>;
  return JSON.stringify(rest);
}
