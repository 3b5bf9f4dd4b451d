/**
 * `chipmix plan` end to end, with the real engines as a black box: the presets solve, every plan passes
 * every rule under the policy module's own evaluation, bad input is one line and exit code 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { parseScenario } from '../src/core/plan/validate';
import { evaluateRule, ruleApplicability } from '../src/core/policy/evaluate';
import { resolveHardware } from '../src/core/policy/share';
import { run } from './support/run-cli';

afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'chipmix-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const catalog = loadBuiltinCatalog();

describe('presets', () => {
  for (const preset of [
    'plan-deepseek-v3-50pct',
    'plan-state-funded-100pct',
    'plan-mixed-two-sites',
    'plan-deepseek-r1-serving-50pct',
  ]) {
    it(`${preset}: optimal, and every rule passes under the policy module's evaluation`, async () => {
      const file = `examples/${preset}.yaml`;
      const { code, out } = await run('plan', file, '--json');
      expect(code).toBe(0);
      const plan = JSON.parse(out);
      expect(plan.status).toBe('optimal');
      for (const key of ['purchases', 'workloads', 'costs', 'domesticShare', 'binding'])
        expect(plan).toHaveProperty(key);
      for (const m of ['count', 'bf16Compute', 'spend', 'power'])
        expect(typeof plan.domesticShare[m]).toBe('number');
      expect(plan.costs.totalUsd).toBeCloseTo(plan.costs.capexUsd + plan.costs.energyUsd, 2);
      for (const w of plan.workloads)
        if (w.kind === 'training' && w.deadlineDays !== null)
          expect(w.completionDays).toBeLessThanOrEqual(w.deadlineDays);
      for (const w of plan.workloads)
        if (w.kind === 'serving')
          expect(w.outputTokensPerSecond).toBeGreaterThanOrEqual(w.demandOutputTokensPerSecond);
      // Independent check: issue 5's evaluateRule on each site's hardware (systems counted in systems).
      const scenario = parseScenario(parseYaml(readFileSync(file, 'utf8')));
      if (!scenario.ok) throw new Error('preset invalid');
      for (const rule of scenario.value.policy?.rules ?? []) {
        for (const site of scenario.value.sites) {
          const facts = {
            name: site.id,
            region: site.region,
            stateFunded: site.stateFunded,
            projectCompletionPct: site.projectCompletionPct,
          };
          if (!ruleApplicability(rule, facts, plan.asOf).applies) continue;
          const devices: Record<string, number> = plan.sites.find(
            (s: { site: string }) => s.site === site.id,
          ).devices;
          const lines = Object.entries(devices).map(([id, n]) => ({
            hardwareId: id,
            quantity: n / resolveHardware(catalog, id)!.packagesPerUnit,
          }));
          if (!lines.length) continue;
          const outcome = evaluateRule(rule, lines, catalog);
          expect(outcome.denied).toEqual([]);
          // Spend uses the scenario's price where it overrides the catalog, so only catalog-priced metrics are compared.
          if (rule.metric !== 'spend') expect(outcome.pass, `${rule.id} at ${site.id}`).toBe(true);
        }
      }
    });
  }

  it.skipIf(process.platform !== 'linux')(
    '--out where no directory can be made is one line and exit 2 (under /proc Node 20 retries mkdir forever)',
    async () => {
      const r = await run('plan', 'examples/plan-deepseek-v3-50pct.yaml', '--out', '/proc/chipmix-nope/a');
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe('chipmix: --out: cannot create directory /proc/chipmix-nope/a (ENOENT)');
    },
  );
  it('the sweep writes CSV, JSON and an SVG chart; raising the threshold never lowers the cost', async () => {
    const out = join(dir, 'sweep');
    const { code, out: stdout } = await run(
      'plan',
      'examples/plan-deepseek-v3-50pct.yaml',
      '--json',
      '--sweep-domestic',
      '0:100:25',
      '--out',
      out,
    );
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.sweep.map((p: { threshold: number }) => p.threshold)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const costs = plan.sweep.map((p: { totalUsd: number | null }) => p.totalUsd ?? Number.POSITIVE_INFINITY);
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeGreaterThanOrEqual(costs[i - 1] * (1 - 1e-9));
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8').split('\n')[0]).toContain(
      'threshold,status,total_usd',
    );
    expect(readFileSync(join(out, 'sweep.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'))).toHaveLength(5);
  });
});

const SMALL = `
asOf: 2026-03-01
hardware:
  - id: huawei-atlas-800t-a2
  - id: nvidia-hgx-h20
sites:
  - id: dc
    powerCapMW: POWER
workloads:
  - id: job
    kind: training
    model: llama3-8b
    tokens: 2T
    deadlineDays: DEADLINE
policy:
  rules:
    - { id: cn50, metric: count, comparator: '>', threshold: 0.5, scope: site, effectiveFrom: 2025-08-16 }
`;

describe('infeasible scenarios', () => {
  it('reports the conflicting constraints and the least relaxation, exit code 0', async () => {
    const file = write('tight.yaml', SMALL.replace('POWER', '0.2').replace('DEADLINE', '20'));
    const { code, out } = await run('plan', file, '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.status).toBe('infeasible');
    const names = plan.conflicts.map((c: { constraint: string }) => c.constraint);
    expect(names).toContain('power:dc');
    expect(names).toContain('deadline:job');
    const power = plan.relaxations.find((r: { constraint: string }) => r.constraint === 'power:dc');
    expect(power.to).toBeGreaterThan(0.05);
    // The relaxed cap is feasible.
    const relaxed = write('relaxed.yaml', SMALL.replace('POWER', String(power.to)).replace('DEADLINE', '20'));
    expect(JSON.parse((await run('plan', relaxed, '--json')).out).status).toBe('optimal');
  });
});

describe('bad input: one line naming the field and the rule, exit code 2', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'unknown id',
      SMALL.replace('nvidia-hgx-h20', 'nvidia-hgx-h2o'),
      /hardware\[1\]\.id: unknown catalog id "nvidia-hgx-h2o"/,
    ],
    [
      'threshold above 1',
      SMALL.replace('threshold: 0.5', 'threshold: 50'),
      /policy\.rules\[0\]\.threshold: .*0\.5/,
    ],
    ['deadline of zero', SMALL.replace('DEADLINE', '0'), /workloads\[0\]\.deadlineDays: .*greater than 0/],
    [
      'negative count',
      `${SMALL}\n`.replace(
        '    powerCapMW: POWER',
        '    installed: [{ hardware: nvidia-hgx-h20, devices: -8 }]',
      ),
      /sites\[0\]\.installed\[0\]\.devices/,
    ],
    [
      'contradictory rules',
      `${SMALL}    - { id: cap40, metric: count, comparator: '<', threshold: 0.4, scope: site, effectiveFrom: 2025-08-16 }\n`,
      /policy\.rules\[1\]: contradicts rule cn50/,
    ],
    ['unknown field', SMALL.replace('deadlineDays', 'deadline'), /workloads\[0\]/],
    ['empty file', '\n', /the scenario file is empty/],
  ];
  for (const [name, text, message] of cases) {
    it(name, async () => {
      const file = write(
        `${name.replace(/ /g, '-')}.yaml`,
        text.replace('POWER', '5').replace('DEADLINE', '30'),
      );
      const { code, err } = await run('plan', file);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^chipmix: /);
      expect(err).toMatch(message);
    });
  }
  it('a bad sweep range', async () => {
    const { code, err } = await run(
      'plan',
      'examples/plan-deepseek-v3-50pct.yaml',
      '--sweep-domestic',
      '0:120:10',
    );
    expect(code).toBe(2);
    expect(err).toMatch(/--sweep-domestic: expected 0 <= FROM <= TO <= 100/);
  });
  it('a missing file', async () => {
    const { code, err } = await run('plan', join(dir, 'nope.yaml'));
    expect(code).toBe(2);
    expect(err).toMatch(/cannot read the scenario file/);
  });
});
