/**
 * The web app's language catalogs: every key in English exists in zh-CN and the reverse, no text is
 * empty, both sides use the same {placeholders}; every core-message pattern has its key; and a scan of
 * src/web for text rendered to users without the catalog (JSX text and user-facing attributes that
 * are literal words).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DICTS, makeI18n } from '../../src/web/i18n';
import { MESSAGE_KEYS, translateMessage } from '../../src/web/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('language catalogs', () => {
  const en = DICTS.en as Record<string, string>;
  const zh = DICTS.zh as Record<string, string>;

  it('have the same keys in English and Simplified Chinese', () => {
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
    expect(Object.keys(zh).filter((k) => !(k in en))).toEqual([]);
  });

  it('have no empty text (unit.count excepted: a count has no unit) and the same placeholders', () => {
    for (const key of Object.keys(en)) {
      if (key !== 'unit.count') {
        expect(en[key]?.trim(), `en ${key}`).not.toBe('');
        expect(zh[key]?.trim(), `zh ${key}`).not.toBe('');
      }
      expect(placeholders(zh[key] ?? ''), key).toEqual(placeholders(en[key] ?? ''));
    }
  });

  it('give Chinese text in zh-CN (not English left in place), technical tokens aside', () => {
    const sameAllowed = /^(chipmix|MFU|BF16 .*|GB|TFLOP\/s|.*\{1\}.*=.*|unit\..*)$/;
    const untranslated = Object.keys(en).filter(
      (k) =>
        en[k] === zh[k] &&
        /[a-z]{3,}/.test(en[k] ?? '') &&
        !sameAllowed.test(k) &&
        !sameAllowed.test(en[k] ?? ''),
    );
    expect(untranslated).toEqual([]);
  });

  it('name the domestic-share analysis natively, not as a literal "sweep" (扫描)', () => {
    for (const text of Object.values(zh)) expect(text).not.toContain('扫描');
  });

  it('translate core messages by pattern, with their values, in both languages', () => {
    for (const key of MESSAGE_KEYS) {
      expect(en, key).toHaveProperty([key]);
      expect(zh, key).toHaveProperty([key]);
    }
    const zhI18n = makeI18n('zh');
    expect(translateMessage(zhI18n, 'tp=3 does not divide heads=32')).toBe('注意力头数 32 不能被 tp=3 整除');
    expect(translateMessage(zhI18n, 'expected a positive integer')).toBe('应为正整数');
    expect(
      translateMessage(zhI18n, 'does not fit: needs 81.2 GB per device, huawei-ascend-910b has 64 GB'),
    ).toBe('显存放不下：每卡需要 81.2 GB，huawei-ascend-910b 只有 64 GB');
    expect(translateMessage(makeI18n('en'), 'tp=3 does not divide heads=32')).toBe(
      'tp=3 does not divide heads=32',
    );
    // a line no pattern knows stays as written
    expect(translateMessage(zhI18n, 'something new')).toBe('something new');
  });
});

/** Files of src/web this scan covers: the pages another engineer owns are scanned by their own test. */
const OTHERS = new Set(['plan.tsx', 'compliance.tsx']);
const webFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? webFiles(join(dir, d.name))
      : /\.tsx$/.test(d.name) && !OTHERS.has(d.name)
        ? [join(dir, d.name)]
        : [],
  );

describe('text rendered to users goes through the catalog', () => {
  it('has no literal words between JSX tags or in title/placeholder/aria-label attributes', () => {
    const found: string[] = [];
    for (const file of webFiles(join(process.cwd(), 'src/web'))) {
      const source = readFileSync(file, 'utf8');
      // JSX text: `>Words<` outside braces (an arrow's `=>` is no tag end), two or more letters (symbols, numbers, "ZeRO" excepted)
      for (const m of source.matchAll(/(?<!=)>\s*([^<>{}\n]*[A-Za-z\u4e00-\u9fff]{2,}[^<>{}\n]*)\s*</g)) {
        const text = m[1]!.trim();
        if (text === 'ZeRO' || /=>|&&|\|\||\(|\)/.test(text)) continue;
        found.push(`${file}: ${text}`);
      }
      for (const m of source.matchAll(/\b(title|placeholder|aria-label)="([^"]*[A-Za-z]{2,}[^"]*)"/g))
        found.push(`${file}: ${m[1]}="${m[2]}"`);
    }
    expect(found).toEqual([]);
  });
});
