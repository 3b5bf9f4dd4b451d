import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_FILES, builtinRuleSets } from './index';
import { loadRuleSets, readRuleFile } from './load';
import { MATCH } from './matchers';
import { parseRuleFile, withSchemaDefaults } from './schema';

const FIXTURES = 'test/fixtures/port';

describe('built-in rule sets', () => {
  const sets = builtinRuleSets();

  it('pass the schema, and a run (which skips zod) gets what the schema makes of them, key order included', () => {
    BUILTIN_RULE_FILES.forEach((file, i) => {
      const parsed = parseRuleFile(file, `builtin:${file.target}`);
      expect(parsed.ok, file.target).toBe(true);
      expect(JSON.stringify(sets[i])).toBe(JSON.stringify(parsed.value));
      expect(JSON.stringify(withSchemaDefaults(file, 'x'))).toBe(
        JSON.stringify(parseRuleFile(file, 'x').value),
      );
    });
  });

  it('fills in every default the schema has', () => {
    const bare = {
      schema: 'chipmix/port-rules@1' as const,
      target: 'bare',
      stack: 'Bare',
      version: '1',
      rules: [
        {
          id: 'r',
          category: 'device-api' as const,
          severity: 'low' as const,
          title: 't',
          message: 'm',
          suggestion: 's',
          match: { env: ['X'], 'py-ref': ['a.*'] },
        },
      ],
    };
    expect(JSON.stringify(withSchemaDefaults(bare, 'b'))).toBe(
      JSON.stringify(parseRuleFile(bare, 'b').value),
    );
  });

  it('has the four targets, versioned, each rule citing a listed source', () => {
    expect(sets.map((s) => s.target)).toEqual(['ascend', 'cambricon', 'hygon', 'kunlunxin']);
    for (const set of sets) {
      expect(set.version).toMatch(/^\d{4}\.\d+\.\d+$/);
      expect(set.assumptions.length).toBeGreaterThan(0);
      const ids = new Set(set.sources.map((s) => s.id));
      for (const rule of set.rules) {
        expect(rule.sources.length, `${set.target}/${rule.id}`).toBeGreaterThan(0);
        for (const source of rule.sources)
          expect(ids.has(source), `${set.target}/${rule.id}: ${source}`).toBe(true);
      }
    }
  });

  it('covers every detection in at least one target, and Ascend covers all', () => {
    const ascend = new Set(sets[0]!.rules.map((r) => r.id));
    for (const id of Object.keys(MATCH)) expect(ascend.has(id), id).toBe(true);
  });

  it("covers the vendor migration tools' documented restrictions on every target, each with a source", () => {
    for (const set of sets) {
      for (const id of [
        'backend-compare',
        'channels-last',
        'torch-compile',
        'default-generators',
        'fused-optimizer',
        'fp8',
      ]) {
        const rule = set.rules.find((r) => r.id === id);
        expect(rule, `${set.target}/${id}`).toBeDefined();
        expect(rule!.sources.length).toBeGreaterThan(0);
      }
      expect(set.support.paths.length, set.target).toBeGreaterThan(0);
      expect(Object.keys(set.support.runtime).length, set.target).toBeGreaterThan(0);
    }
    const ascend = sets.find((s) => s.target === 'ascend')!;
    // transfer_to_npu's usage constraints: hand work, not a rename
    for (const id of ['backend-compare', 'channels-last', 'default-generators'])
      expect(ascend.rules.find((r) => r.id === id)!.sources).toContain('auto-migration-limits');
  });

  it('flags fp64 only where it is unsupported (Ascend)', () => {
    const withFp64 = sets.filter((s) => s.rules.some((r) => r.id === 'fp64')).map((s) => s.target);
    expect(withFp64).toEqual(['ascend']);
  });
});

describe('user rule files', () => {
  it('override a built-in rule by id and add new targets', () => {
    const loaded = loadRuleSets([`${FIXTURES}/user-rules.yaml`, `${FIXTURES}/musa-rules.yaml`]);
    expect(loaded.ok).toBe(true);
    const sets = loaded.value!;
    expect(sets.map((s) => s.target)).toEqual(['ascend', 'cambricon', 'hygon', 'kunlunxin', 'musa']);
    const ascend = sets[0]!;
    expect(ascend.version).toBe(`${builtinRuleSets()[0]!.version}+team-2026.11`);
    const rule = ascend.rules.find((r) => r.id === 'cuda-device-string')!;
    expect(rule.severity).toBe('medium');
    expect(ascend.rules.length).toBe(builtinRuleSets()[0]!.rules.length);
  });

  it('reports bad files on one line naming the file and field', () => {
    const bad = parseRuleFile(
      { schema: 'chipmix/port-rules@1', target: 'x', stack: 's', version: '1', rules: [{ id: 'A b' }] },
      'bad.yaml',
    );
    expect(bad.ok).toBe(false);
    expect(bad.issues![0]!.path).toMatch(/^bad\.yaml: rules\[0\]/);
    const missing = readRuleFile(`${FIXTURES}/nope.yaml`);
    expect(missing.issues![0]).toMatchObject({
      path: `${FIXTURES}/nope.yaml`,
      message: 'cannot read the rules file',
    });
  });

  it('rejects a rule citing an unknown source', () => {
    const result = parseRuleFile(
      {
        schema: 'chipmix/port-rules@1',
        target: 'x',
        stack: 's',
        version: '1',
        rules: [
          {
            id: 'r',
            category: 'build',
            severity: 'low',
            title: 't',
            message: 'm',
            suggestion: 's',
            sources: ['ghost'],
            match: { cmake: ['x'] },
          },
        ],
      },
      'f.yaml',
    );
    expect(result.issues?.[0]?.message).toBe("source ghost is not listed in the file's sources");
  });
});
