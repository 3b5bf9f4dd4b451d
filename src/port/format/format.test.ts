import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRuleSets } from '../rules/index';
import { scanDirectory } from '../scan';
import type { PortReport } from '../types';
import { formatReport } from './index';
import { toJson } from './json';
import { toSarif } from './sarif';

let report: PortReport;
beforeAll(async () => {
  report = await scanDirectory('test/fixtures/port/project', builtinRuleSets());
});

describe('SARIF 2.1.0', () => {
  it('validates against the official OASIS schema', () => {
    const schema = JSON.parse(readFileSync('test/fixtures/port/sarif-schema-2.1.0.json', 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const sarif = toSarif(report);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator does reject a broken log (the check can fail)', () => {
    const schema = JSON.parse(readFileSync('test/fixtures/port/sarif-schema-2.1.0.json', 'utf8'));
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const sarif = toSarif(report) as {
      runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(sarif)).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('has one run per target with results pointing at rules by index', () => {
    const sarif = toSarif(report) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; ruleIndex: number }[];
      }[];
    };
    expect(sarif.runs).toHaveLength(4);
    for (const run of sarif.runs) {
      for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    }
  });
});

describe('other formats', () => {
  it('JSON groups findings with a suggestion per target', () => {
    const json = toJson(report) as {
      findings: { ruleId: string; targets: Record<string, { suggestion: string }> }[];
    };
    const fp = json.findings.find((f) => f.ruleId === 'nccl-backend')!;
    expect(Object.keys(fp.targets)).toEqual(['ascend', 'cambricon', 'hygon', 'kunlunxin']);
    expect(fp.targets.ascend!.suggestion).toMatch(/hccl/);
    expect(fp.targets.cambricon!.suggestion).toMatch(/cncl/);
    expect(JSON.parse(formatReport(report, 'json')).summaries).toHaveLength(4);
  });

  it('Markdown and table carry the summary and assumptions', () => {
    const md = formatReport(report, 'markdown');
    expect(md).toContain('| ascend | Huawei Ascend NPU (CANN, torch_npu) |');
    expect(md).toContain('Assumptions:');
    expect(md).toContain('## What each stack offers instead');
    const table = formatReport(report, 'table');
    expect(table).toContain('readiness');
    expect(table).toMatch(/more product findings left; --format json/);
  });
});
