/**
 * Messages that reach the page from the core (validation issues, estimate and plan warnings, plan
 * explanations, progress steps) arrive as the core's English lines, the same bytes the CLI and the API
 * give. Each line is read back to its message code and parameters by the core's own templates
 * (src/core/messages/en.ts, the one source of the codes) and rendered from the page language's
 * catalog (src/core/messages/zh.ts) with the same values; a line no template reads is shown as the
 * core wrote it. test/web/i18n-catalog.test.ts fails when a code lacks its text in either language.
 */
import { translateLine } from '../core/messages/read';
import type { I18n, Key } from './i18n';

/** One core line in the page's language; unknown lines stay as written. */
export function translateMessage(i18n: Pick<I18n, 'lang'>, text: string): string {
  return translateLine(i18n.lang, text);
}

/** An issue (`path: message`) in the page's language: the message translated, the path as the form labels it. */
export function issueText(i18n: Pick<I18n, 'lang' | 't'>, issue: { path: string; message: string }): string {
  const message = translateMessage(i18n, issue.message);
  return issue.path ? i18n.t('common.issue', { path: fieldLabel(i18n, issue.path), message }) : message;
}

/** Layout fields the engine's own checks name without their `layout.` prefix (`tp: ...` for tp = 3). */
const LAYOUT_FIELDS = new Set([
  'tp',
  'pp',
  'vp',
  'dp',
  'cp',
  'ep',
  'etp',
  'mbs',
  'recompute',
  'zero',
  'schedule',
  'layersPerStage',
]);

/**
 * The form field an issue belongs to: `layout.` added where the engine left it off, and an item's index dropped
 * (`layout.layersPerStage.2` is the layers-per-stage field).
 */
export function issueField(path: string): string {
  const field = path.replace(/^layout\./, '').replace(/(\.\d+|\[\d+\])+$/, '');
  // one item of a list field is the list's field (`hardware[1]`: the systems field of the compare form)
  return LAYOUT_FIELDS.has(field) ? `layout.${field}` : path.replace(/(\[\d+\])+$/, '');
}

/** A request field path (`layout.tp`, `devices`) as the form labels it. */
export function fieldLabel(i18n: Pick<I18n, 't'>, rawPath: string): string {
  const path = issueField(rawPath);
  const known: Record<string, Key> = {
    devices: 'train.devices',
    seqLen: 'train.seqLen',
    globalBatch: 'train.globalBatch',
    tokens: 'train.tokens',
    hardware: 'train.hardware',
    model: 'train.model',
    precision: 'train.precision',
    framework: 'train.framework',
    // the compare form's own fields
    kind: 'compare.kind',
    tpotMs: 'compare.tpotMs',
    equal: 'compare.equal',
    inputLen: 'compare.inputLen',
    outputLen: 'compare.outputLen',
    // a layout that no field of it can fix (the search found none)
    layout: 'train.layout',
  };
  const key = known[path] ?? (path.startsWith('layout.') ? (`layout.${path.slice(7)}` as Key) : undefined);
  if (!key) return rawPath;
  const text = i18n.t(key);
  return text === key ? rawPath : text;
}
