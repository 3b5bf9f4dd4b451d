/**
 * README.md's marked examples are what the CLI prints today (issue 14). Runs them all in-process through
 * scripts/readme-examples.ts (the DeepSeek-V3 plan with its sweep is most of the time, ~15-25 s on 2 cores).
 * Refresh a stale README with `npx tsx scripts/readme-examples.ts --write`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkExamples, type ExampleResult, parseExamples, README } from '../scripts/readme-examples';

const examples = parseExamples(readFileSync(README, 'utf8'));
let results: ExampleResult[] = [];

describe('README examples', () => {
  beforeAll(async () => {
    results = await checkExamples();
  }, 120_000);

  it('marks the examples (at least the training, plan and compliance ones)', () => {
    const ids = examples.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['train-estimate', 'plan-dsv3', 'comply-status']));
  });

  it.each(examples.map((e) => e.id))('%s matches what the CLI prints', (id) => {
    const r = results.find((x) => x.id === id);
    expect(r, `${id} did not run`).toBeDefined();
    if (!r!.ok)
      expect.fail(
        `README.md example ${id} is stale (refresh: npx tsx scripts/readme-examples.ts --write):\n${r!.problem}`,
      );
  });
});
