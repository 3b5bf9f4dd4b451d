/** Golden: the SARIF output of `chipmix port scan` on a small fixture tree (paths relative to SRCROOT). */
import { describe, expect, it } from 'vitest';
import { run } from '../support/run-cli';
import { expectGolden } from './golden';

describe('golden: port scan --format sarif', () => {
  it('test/fixtures/port/scoped, target ascend', async () => {
    const r = await run(
      'port',
      'scan',
      'test/fixtures/port/scoped',
      '--target',
      'ascend',
      '--format',
      'sarif',
      '--threads',
      '1',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectGolden('port-scan-scoped-ascend.sarif', r.out);
  });
});
