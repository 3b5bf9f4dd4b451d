/**
 * The training form and the CLI give the same answer for the same inputs: the README's example is
 * typed into the form (src/web/train-form.ts makes the request the web worker reads) and run as
 * `chipmix train estimate --json`; the two estimates must be the same document.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, toBody } from '../../src/web/train-form';
import { estimateReply } from '../../src/web/worker/estimate-worker';
import { README_TRAIN_ESTIMATE } from '../support/readme-train-example';
import { run } from '../support/run-cli';

describe('training: web form and CLI', () => {
  it("give the README example's days to train identically", async () => {
    const cli = await run(...README_TRAIN_ESTIMATE);
    expect(cli.code, cli.err).toBe(0);
    const fromCli = JSON.parse(cli.out);
    const web = estimateReply(
      toBody({
        ...DEFAULT_FORM,
        model: 'llama3-70b',
        hardware: 'huawei-atlas-800t-a2',
        devices: '1024',
        seqLen: '8192',
        globalBatch: '1024',
        tokens: '15T',
      }),
    );
    if (!web.ok) throw new Error(JSON.stringify(web.issues));
    console.log(
      `parity: CLI ${fromCli.daysToTrain.toFixed(1)} days, web ${web.value.daysToTrain?.toFixed(1)} days`,
    );
    expect(web.value.daysToTrain).toBe(fromCli.daysToTrain);
    expect(web.value.layout).toEqual(fromCli.layout);
    expect(web.value.stepSeconds).toBe(fromCli.stepSeconds);
  });

  it('sends no layout field the user left blank (searched, as a flag not given)', () => {
    expect(toBody(DEFAULT_FORM).layout).toEqual({});
    expect(toBody({ ...DEFAULT_FORM, layout: { tp: '4', vp: ' ', zero: '1' } }).layout).toEqual({
      tp: 4,
      zero: 1,
    });
  });

  it('sends a pipeline split and a MoE expert kernel as the CLI flags do', async () => {
    const flags = [
      '--model',
      'llama3-8b',
      '--hardware',
      'nvidia-dgx-h100',
      '--devices',
      '16',
      '--seq-len',
      '4096',
    ];
    const cli = await run(
      'train',
      'estimate',
      ...flags,
      '--global-batch',
      '64',
      '--tp',
      '2',
      '--layers-per-stage',
      '15,17',
      '--experts',
      'looped',
      '--json',
    );
    expect(cli.code, cli.err).toBe(0);
    const body = toBody({
      ...DEFAULT_FORM,
      model: 'llama3-8b',
      hardware: 'nvidia-dgx-h100',
      devices: '16',
      seqLen: '4096',
      globalBatch: '64',
      layout: { tp: '2', layersPerStage: '15, 17', experts: 'looped' },
    });
    expect(body.layout).toEqual({ tp: 2, layersPerStage: [15, 17], experts: 'looped' });
    const web = estimateReply(body);
    if (!web.ok) throw new Error(JSON.stringify(web.issues));
    expect(web.value.layout).toEqual(JSON.parse(cli.out).layout);
    expect(web.value.layout.layersPerStage).toEqual([15, 17]);
  });
});
