/**
 * Cambricon MLU. The MLU370-X8 figures come from its launch material. No credible MLU590 datasheet
 * exists: its numbers are community, LLM-assisted estimates kept at confidence `rumour` so that they
 * can be compared and planned against only with that label in view.
 */
import type { CatalogFile, Chip } from '../schema';
import {
  alt,
  available,
  COUNT,
  domesticExport,
  GB,
  GBITPS,
  GBPS,
  spec,
  TBPS,
  TFLOPS,
  TOPS,
  WATT,
} from './helpers';
import { src } from './sources';

const NEUWARE = {
  softwareStack: ['Neuware'] as Chip['softwareStack'],
  softwareSources: src('MLUOPS', 'CAMB-370X8'),
};
const CAMBRICON_EXPORT = domesticExport(
  '2026-01-28',
  ['ENTITY-M'],
  'PRC-designed: US licensing does not govern sale inside China. Cambricon has been on the US Entity List since Dec 2022.',
);
const EVOK_NOTE = 'Community estimate (EvoKernel, LLM-assisted); no vendor datasheet found.';

export const CAMBRICON: CatalogFile = {
  chips: [
    {
      id: 'cambricon-mlu370-x8',
      vendor: 'Cambricon',
      name: 'MLU370-X8 (Siyuan 370, dual-chip card)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'shipping',
      family: 'cambricon-mlu',
      ...NEUWARE,
      exportControl: CAMBRICON_EXPORT,
      specs: {
        fp32DenseTflops: spec(24, TFLOPS, 'official', ['CAMB-370X8']),
        bf16DenseTflops: spec(96, TFLOPS, 'official', ['CAMB-370X8']),
        fp16DenseTflops: spec(96, TFLOPS, 'official', ['CAMB-370X8']),
        int8DenseTops: spec(256, TOPS, 'official', ['CAMB-370X8']),
        hbmCapacityGB: spec(48, GB, 'official', ['CAMB-370X8'], { note: 'LPDDR5, not HBM.' }),
        hbmBandwidthTBps: spec(0.6144, TBPS, 'official', ['CAMB-370X8']),
        scaleUpBandwidthGBps: spec(200, GBPS, 'official', ['CAMB-370X8'], {
          note: 'MLU-Link bridge: 4 cards = 8 chips fully connected.',
        }),
        tdpW: spec(250, WATT, 'official', ['CAMB-370X8']),
        diesPerPackage: spec(2, COUNT, 'official', ['CAMB-370X8'], { note: '2 chips, 4 chiplets per card.' }),
      },
    },
    {
      id: 'cambricon-mlu590',
      vendor: 'Cambricon',
      name: 'MLU590 (Siyuan 590)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'shipping',
      family: 'cambricon-mlu',
      ...NEUWARE,
      exportControl: CAMBRICON_EXPORT,
      defaultSystem: 'cambricon-mlu590-server',
      specs: {
        bf16DenseTflops: spec(256, TFLOPS, 'rumour', ['EVOK-MLU590'], { note: EVOK_NOTE }),
        fp16DenseTflops: spec(256, TFLOPS, 'rumour', ['EVOK-MLU590'], { note: EVOK_NOTE }),
        // No fp8 figure: the only one found (780 TFLOP/s, above the int8 rate) is on an unsourced, likely
        // AI-generated page, and MLU590 FP8 support itself is unconfirmed; the engine refuses fp8 on it.
        int8DenseTops: spec(512, TOPS, 'rumour', ['EVOK-MLU590'], { note: EVOK_NOTE }),
        hbmCapacityGB: spec(64, GB, 'rumour', ['EVOK-MLU590'], {
          alternatives: [alt(192, 'rumour', ['AWESOME-590'])],
          note: EVOK_NOTE,
        }),
        hbmBandwidthTBps: spec(1.228, TBPS, 'rumour', ['EVOK-MLU590'], {
          alternatives: [alt(2.4, 'rumour', ['AWESOME-590'])],
          note: EVOK_NOTE,
        }),
        scaleUpBandwidthGBps: spec(400, GBPS, 'rumour', ['EVOK-MLU590'], { note: EVOK_NOTE }),
        scaleOutBandwidthGbps: spec(200, GBITPS, 'rumour', ['EVOK-MLU590'], { note: EVOK_NOTE }),
        tdpW: spec(350, WATT, 'rumour', ['EVOK-MLU590'], {
          alternatives: [alt(450, 'rumour', ['AWESOME-590'])],
        }),
      },
      notes:
        'Shipping without a public datasheet; Cambricon plans ~300k MLU590/690 in 2026 (Bloomberg). Every number is rumour-grade. No price was found (Cambricon discloses revenue, not unit prices).',
    },
    {
      id: 'cambricon-mlu690',
      vendor: 'Cambricon',
      name: 'MLU690 (Siyuan 690; rumoured)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'rumoured',
      family: 'cambricon-mlu',
      ...NEUWARE,
      exportControl: CAMBRICON_EXPORT,
      specs: {},
      availableFrom: available(
        '2026',
        'rumour',
        ['CAMB-PLAN'],
        'Bloomberg (people familiar): ~300k MLU590 and MLU690 planned for 2026; no launch date.',
      ),
      notes:
        'Only production-plan mentions; no spec has been published. Press positions it against the H100 (unsourced).',
    },
  ],
  systems: [
    {
      id: 'cambricon-mlu590-server',
      vendor: 'Cambricon',
      name: 'MLU590 8-card server (generic)',
      status: 'shipping',
      chipId: 'cambricon-mlu590',
      specs: {
        chipsPerSystem: spec(8, COUNT, 'rumour', ['EVOK-MLU590']),
        scaleUpDomainSize: spec(8, COUNT, 'rumour', ['EVOK-MLU590'], {
          note: 'MLU-Link world size 8 (estimate).',
        }),
        scaleUpBandwidthGBps: spec(400, GBPS, 'rumour', ['EVOK-MLU590'], { note: EVOK_NOTE }),
        scaleOutBandwidthGbps: spec(200, GBITPS, 'rumour', ['EVOK-MLU590'], {
          note: 'RoCEv2 per card (estimate).',
        }),
      },
      notes: 'A generic 8-way MLU590 node as community specs describe it; no vendor server datasheet found.',
    },
  ],
};
