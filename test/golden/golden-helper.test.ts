/** The normalisation of test/golden/golden.ts: float noise and volatile fields do not change a golden. */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { normalizeJson, normalizeText, REPO_ROOT, roundNumber } from './golden';

describe('golden normalisation', () => {
  it('rounds to 4 significant figures and snaps near-integers', () => {
    expect(roundNumber(0.7619047619047619)).toBe(0.7619);
    expect(roundNumber(479347.19999996945)).toBe(479300);
    expect(roundNumber(25599999.999999996)).toBe(25600000);
    expect(roundNumber(301166)).toBe(301166);
    expect(roundNumber(-0)).toBe(0);
    expect(roundNumber(0.1 + 0.2)).toBe(roundNumber(0.3));
  });

  it('JSON: numbers rounded, timings and timestamps, paths and the version replaced', () => {
    const a = normalizeJson(
      JSON.stringify({
        share: 0.1 + 0.2,
        solver: { solveSeconds: 0.435 },
        at: '2026-12-05T20:53:11.255Z',
        root: `file://${REPO_ROOT}/test/x/`,
        tmp: `${tmpdir()}/chipmix-1/a.csv`,
        list: [1, 2.000000000001],
      }),
    );
    expect(JSON.parse(a)).toEqual({
      share: 0.3,
      solver: { solveSeconds: '<volatile>' },
      at: '<timestamp>',
      root: 'file://<repo>/test/x/',
      tmp: '<tmp>/chipmix-1/a.csv',
      list: [1, 2],
    });
    expect(normalizeJson('{"solveSeconds":0.9}')).toBe(normalizeJson('{"solveSeconds":0.1}'));
  });

  it('text: long decimals rounded, short ones kept', () => {
    expect(normalizeText('x="83.8" y="100.58180549833098" on 2026-01-01T00:00:00Z')).toBe(
      'x="83.8" y="100.6" on <timestamp>\n',
    );
  });
});
