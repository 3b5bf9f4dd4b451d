/** Golden: `chipmix plan <scenario> --json` on the fastest example scenario (one serving workload). */
import { describe, expect, it } from 'vitest';
import { run } from '../support/run-cli';
import { expectGolden } from './golden';

describe('golden: plan --json', () => {
  it('examples/plan-deepseek-r1-serving-50pct.yaml', async () => {
    const r = await run('plan', 'examples/plan-deepseek-r1-serving-50pct.yaml', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectGolden('plan-deepseek-r1-serving-50pct.json', r.out);
  });
});
