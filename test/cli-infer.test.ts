import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './support/run-cli';

afterEach(() => vi.restoreAllMocks());

const serving = [
  '--model',
  'deepseek-v3',
  '--hardware',
  'huawei-cloudmatrix-384',
  '--devices',
  '160',
  '--input-len',
  '4096',
  '--output-len',
  '256',
  '--precision',
  'int8',
  '--mtp-accept',
  '0.7',
];

describe('chipmix infer', () => {
  it('estimate --json has the documented fields and says what a device is', async () => {
    const { code, out } = await run('infer', 'estimate', ...serving, '--tpot-ms', '50', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    for (const key of [
      'prefillTokensPerSecondPerDevice',
      'decodeTokensPerSecondPerDevice',
      'outputTokensPerSecondPerDevice',
      'batchPerDevice',
      'ttftMs',
      'tpotMs',
      'memoryPerDeviceGB',
      'errorBand',
      'warnings',
    ]) {
      expect(doc, key).toHaveProperty(key);
    }
    expect(doc.tpotMs).toBeLessThanOrEqual(50);
    expect(doc.deviceUnit).toMatch(/package \(2 dies\)/);
    expect(doc.errorBand.calibrated).toBe(true);
  });

  it('estimate with a fixed layout and batch prints text', async () => {
    const { code, out } = await run(
      'infer',
      'estimate',
      ...serving,
      '--tp',
      '1',
      '--ep',
      '320',
      '--batch',
      '96',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/output tokens\/s per device/);
    expect(out).toMatch(/TP1 x DP320, EP320 \(in dies\)/);
  });

  it('search ranks layouts', async () => {
    const { code, out } = await run('infer', 'search', ...serving, '--top', '3', '--json');
    expect(code).toBe(0);
    const ranked = JSON.parse(out);
    expect(ranked).toHaveLength(3);
    expect(ranked[0].outputTokensPerSecondPerDevice).toBeGreaterThanOrEqual(
      ranked[1].outputTokensPerSecondPerDevice,
    );
  });

  it('bad input is one line and exit 2', async () => {
    const bad = await run('infer', 'estimate', ...serving, '--tp', '3');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/--tp: TP 3 does not divide 320 devices/);
    const precision = await run('infer', 'estimate', ...serving, '--precision', 'fp12');
    expect(precision.code).toBe(2);
    expect(precision.err).toMatch(/--precision: expected one of/);
  });
});
