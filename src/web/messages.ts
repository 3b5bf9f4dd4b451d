/**
 * Messages that reach the page from the core (validation issues, estimate warnings) are English
 * lines with values in them. The core gives them no codes yet, so each known line is matched here by
 * its pattern and rendered from the language catalog with the same values; a line no pattern knows
 * is shown as the core wrote it (the catalog test lists the patterns, so a new core message is one
 * entry here and one key per language).
 */
import type { I18n, Key } from './i18n';

/** Pattern → catalog key; the captures become {1}, {2}, ... in the catalog text. */
const PATTERNS: ReadonlyArray<readonly [RegExp, Key]> = [
  [/^expected a positive integer$/, 'msg.positiveInt'],
  [/^expected a positive number$/, 'msg.positiveNumber'],
  [/^expected at most (.+)$/, 'msg.atMost'],
  [/^expected one of (.+)$/, 'msg.oneOf'],
  [/^expected a ZeRO stage 0, 1, 2 or 3$/, 'msg.zeroStage'],
  [/^expected a preset name or a config\.json object$/, 'msg.modelKind'],
  [/^expected a JSON object \(the contents of config\.json\)$/, 'msg.configObject'],
  [/^unknown model preset "([^"]+)"; (.+)$/, 'msg.unknownPreset'],
  [/^unknown hardware id '([^']+)'(.*)$/, 'msg.unknownHardware'],
  [/^(\w[\w-]*)=(\S+) must be a positive integer$/, 'msg.fieldPositiveInt'],
  [/^(\w+)=(\S+) must be below (\d+)$/, 'msg.fieldBelow'],
  [/^tp=(\d+) does not divide heads=(\d+)$/, 'msg.tpHeads'],
  [/^tp=(\d+) does not divide kv heads=(\d+)$/, 'msg.tpKvHeads'],
  [/^pp=(\d+) is larger than layers=(\d+)$/, 'msg.ppLayers'],
  [/^vp=(\d+) needs pp >= 2 \(pp=(\S+)\)$/, 'msg.vpNeedsPp'],
  [/^cp=(\d+) does not divide seq-len=(\d+)$/, 'msg.cpSeq'],
  [/^devices=(\d+) is not divisible by tp x pp x cp = (.+)$/, 'msg.devicesGrid'],
  [/^devices=(\d+) is not divisible by dp x tp x pp x cp = (\d+)$/, 'msg.devicesGrid'],
  [/^dp=(\d+) x tp=(\d+) x pp=(\d+) x cp=(\d+) = (\d+) differs from devices=(\d+)$/, 'msg.dpGrid'],
  [/^ep=(\d+) needs a mixture-of-experts model; (.+) is dense$/, 'msg.epDense'],
  [/^etp=(\d+) needs a mixture-of-experts model$/, 'msg.etpDense'],
  [/^global batch=(\d+) is not divisible by dp x mbs = (.+)$/, 'msg.batchDpMbs'],
  [
    /^no valid layout: the given fields leave nothing to search for (\d+) devices and global batch (\d+)$/,
    'msg.noLayout',
  ],
  [/^no layout of (\d+) evaluated fits in (\S+) GB per device$/, 'warn.noLayoutFits'],
  [
    /^no published training runs for family (\S+): predicted from its specs and the (.+) \(wider error band\)$/,
    'warn.uncalibrated',
  ],
  [/^does not fit: needs (\S+) GB per device, (\S+) has (\S+) GB$/, 'warn.noFit'],
  [/^layers=(\d+) do not split evenly over pp=(\d+): the slowest stage has (\d+)$/, 'warn.unevenPp'],
  [/^(.+) has no ZeRO-(\d); modelled with its usual semantics .*$/, 'warn.noZero'],
  [/^DeepSpeed refuses ZeRO-2 and ZeRO-3 with pipeline parallelism .*$/, 'warn.deepspeedPipe'],
  [/^(.+) has no flash attention; modelled as asked$/, 'warn.noFlash'],
  [/^MFU (\d+)% is above what published runs reach$/, 'warn.highMfu'],
  [/^(\S+) has no system in the catalog: assumed an 8-device node$/, 'warn.noSystem'],
  [/^no scale-up bandwidth known: assumed 64 GB\/s \(PCIe 4 x16\)$/, 'warn.noScaleUp'],
  [/^no scale-out bandwidth known: assumed 100 Gb\/s per device$/, 'warn.noScaleOut'],
  [/^system power unknown: (\S+)x chip TDP per device$/, 'warn.noPower'],
];

/** Keys the patterns use: the catalog test checks each exists in every language. */
export const MESSAGE_KEYS: readonly Key[] = PATTERNS.map(([, key]) => key);

/** One core line in the page's language; unknown lines stay as written. */
export function translateMessage(i18n: Pick<I18n, 't'>, text: string): string {
  for (const [pattern, key] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const vars: Record<string, string> = {};
    m.slice(1).forEach((v, i) => {
      vars[String(i + 1)] = v ?? '';
    });
    return i18n.t(key, vars);
  }
  return text;
}

/** A request field path (`layout.tp`, `devices`) as the form labels it. */
export function fieldLabel(i18n: Pick<I18n, 't'>, path: string): string {
  const known: Record<string, Key> = {
    devices: 'train.devices',
    seqLen: 'train.seqLen',
    globalBatch: 'train.globalBatch',
    tokens: 'train.tokens',
    hardware: 'train.hardware',
    model: 'train.model',
    precision: 'train.precision',
    framework: 'train.framework',
  };
  const key = known[path] ?? (path.startsWith('layout.') ? (`layout.${path.slice(7)}` as Key) : undefined);
  if (!key) return path;
  const text = i18n.t(key);
  return text === key ? path : text;
}
