/** An issue names the form's field as the form labels it, in the page's language. */
import { describe, expect, it } from 'vitest';
import { DICTS } from '../../src/web/i18n';
import { fieldLabel, issueField } from '../../src/web/messages';

const zh = { t: (key: string) => (DICTS.zh as Record<string, string>)[key] ?? key } as never;

describe('issue field labels', () => {
  it('reads one item of a list as the list field, and a layout field without its prefix as the layout field', () => {
    expect(issueField('hardware[1]')).toBe('hardware');
    expect(issueField('tp')).toBe('layout.tp');
    expect(issueField('layout.layersPerStage.2')).toBe('layout.layersPerStage');
  });
  it("labels the compare form's fields and a whole layout in Chinese (they showed raw paths)", () => {
    expect(fieldLabel(zh, 'equal')).toBe('对比口径（保持相同）');
    expect(fieldLabel(zh, 'hardware[1]')).not.toMatch(/hardware/);
    expect(fieldLabel(zh, 'layout')).toBe('并行策略（留空 = 自动搜索）');
  });
});
