/**
 * Huawei Ascend chips and systems. Sources: shared/reference/accelerators.csv rows huawei-*, checked
 * against the keys of ./sources.ts. Huawei quotes FP16 and INT8; BF16 = FP16 rate is taken only where a
 * source says so (910B2 white-paper split, CloudMatrix paper). INT8 = 2 x FP16 is our arithmetic.
 */
import type { CatalogFile, Chip, ChipSpecs } from '../schema';
import {
  absent,
  alt,
  available,
  COUNT,
  domesticExport,
  GB,
  GBITPS,
  GBPS,
  KW,
  spec,
  TBPS,
  TFLOPS,
  TOPS,
  US,
  USD,
  WATT,
} from './helpers';
import { src } from './sources';

const ASCEND_STACK = {
  softwareStack: ['CANN'] as Chip['softwareStack'],
  softwareSources: src('SGLANG-ASC', 'HIASCEND-INST'),
};
/** Ascend 910-series cubes have no FP8; Huawei introduced FP8/HiF8 with the Ascend 950. */
const NO_FP8 = absent(
  'fp8DenseTflops' as const,
  'no native FP8 on the Ascend 910 series; FP8/HiF8 arrive with the Ascend 950',
  ['HW-HC25'],
);

const ASCEND_EXPORT = domesticExport(
  '2025-05-13',
  ['BIS-ASCEND'],
  'PRC-designed: US licensing does not govern sale inside China. BIS guidance of 2025-05-13 says using 910B/910C/910D anywhere may violate the EAR (matters for sites outside the PRC).',
);

/** What every Ascend 910B bin shares (Atlas 800T A2 class modules). */
function ascend910bSpecs(fp16: ChipSpecs['fp16DenseTflops'] & object, memory: 'b4' | 'other'): ChipSpecs {
  const small = memory === 'b4';
  return {
    bf16DenseTflops: { ...fp16, note: 'BF16 runs at the FP16 rate on Ascend 910B (Da Vinci cube).' },
    fp16DenseTflops: fp16,
    int8DenseTops: spec(fp16.value * 2, TOPS, 'derived', ['derived'], {
      note: 'INT8 = 2 x FP16, our arithmetic; not a vendor figure. Verify before INT8 capacity plans.',
    }),
    hbmCapacityGB: small
      ? spec(32, GB, 'analysis', ['EPOCH', 'CSET'], {
          alternatives: [
            alt(
              64,
              'analysis',
              ['GITEE-ASC'],
              'Gitee AI lists a 280-TFLOPS 910B with 64 GB (likely mixing bins).',
            ),
          ],
        })
      : spec(64, GB, 'official', ['DAOCLOUD-800TA2', 'CANN-INI', 'SGLANG-ASC']),
    hbmBandwidthTBps: small
      ? spec(0.8, TBPS, 'analysis', ['EPOCH', 'CSET'])
      : spec(1.6, TBPS, 'analysis', ['EPOCH', 'CSET'], {
          alternatives: [alt(1.228, 'analysis', ['EPOCH'], "Epoch's generic '910B' row (32 GB).")],
        }),
    scaleUpBandwidthGBps: spec(392, GBPS, 'analysis', ['EPOCH', 'GITEE-ASC'], {
      note: 'HCCS, 8-NPU full mesh, both directions added.',
    }),
    scaleOutBandwidthGbps: spec(200, GBITPS, 'official', ['DAOCLOUD-800TA2'], {
      note: 'Atlas 800T A2: 4 x 2-port 200GE RoCE = one 200 Gb/s port per NPU.',
    }),
    tdpW: spec(350, WATT, 'official', ['FLAGPERF'], {
      alternatives: [alt(400, 'analysis', ['EPOCH'])],
      note: 'FlagPerf README: card TDP 350 W, about 365 W drawn under GEMM load.',
    }),
    priceUsd: spec(16854, USD, 'rumour', ['PRICE-910B'], {
      note: 'RMB 120,000 mid-2023 (TrendForce via Epoch); the bin is not stated.',
    }),
    diesPerPackage: spec(1, COUNT, 'official', ['SGLANG-ASC']),
  };
}

function ascend910b(
  id: string,
  name: string,
  fp16: ChipSpecs['fp16DenseTflops'] & object,
  extra: Partial<Chip> = {},
): Chip {
  return {
    id,
    vendor: 'Huawei',
    name,
    vendorCountry: 'CN',
    domestic: true,
    status: 'shipping',
    family: 'huawei-ascend-910',
    ...ASCEND_STACK,
    exportControl: ASCEND_EXPORT,
    specs: ascend910bSpecs(fp16, id.endsWith('b4') ? 'b4' : 'other'),
    notApplicable: [NO_FP8],
    ...extra,
  };
}

const fp16B3 = spec(313, TFLOPS, 'analysis', ['EPOCH', 'CSET', 'FLAGPERF'], {
  alternatives: [
    alt(320, 'rumour', ['CSET'], "'910B 320 TFLOPS' is widely quoted in the press without a bin."),
  ],
  note: 'Dense peak, cube + vector. FlagPerf measured 313.2 TFLOPS FP16 GEMM on an Atlas 800T A2 card.',
});

const chips: Chip[] = [
  ascend910b('huawei-ascend-910b', 'Ascend 910B (as in Atlas 800T A2; = 910B3)', fp16B3, {
    aliasOf: {
      id: 'huawei-ascend-910b3',
      reason:
        'The 8-NPU Atlas 800T A2 training server is documented with 64 GB 910B modules, and FlagPerf measured 313.2 TFLOPS FP16 on its card, which matches the 910B3 bin (313 TFLOPS, 64 GB), not the 910B1/B2 (400/376) or the 32 GB 910B4. Published 910B training runs (MindSpeed, Atlas 800T A2 / 900 A2 PoD) do not name the bin.',
    },
    defaultSystem: 'huawei-atlas-800t-a2',
  }),
  ascend910b(
    'huawei-ascend-910b1',
    'Ascend 910B1',
    spec(400, TFLOPS, 'analysis', ['EPOCH', 'CSET'], { note: 'Highest 910B bin (Epoch v1 row).' }),
  ),
  ascend910b(
    'huawei-ascend-910b2',
    'Ascend 910B2',
    spec(376, TFLOPS, 'official', ['ASC950-WP', 'CANN-INI', 'EPOCH'], {
      alternatives: [alt(353.9, 'official', ['ASC950-WP'], 'Cube units only (24 cube cores x 1.8 GHz).')],
      note: '376 = 353.9 cube + 22.1 vector. Developers quote ~300 TFLOPS achievable matmul.',
    }),
  ),
  ascend910b('huawei-ascend-910b3', 'Ascend 910B3', fp16B3),
  ascend910b('huawei-ascend-910b4', 'Ascend 910B4', spec(280, TFLOPS, 'analysis', ['EPOCH', 'CSET']), {
    specs: {
      ...ascend910bSpecs(spec(280, TFLOPS, 'analysis', ['EPOCH', 'CSET']), 'b4'),
      fp32DenseTflops: spec(72, TFLOPS, 'analysis', ['EPOCH', 'CSET']),
    },
  }),
  {
    id: 'huawei-ascend-910c',
    vendor: 'Huawei',
    name: 'Ascend 910C (2 x 910B-class dies)',
    vendorCountry: 'CN',
    domestic: true,
    status: 'shipping',
    family: 'huawei-ascend-910',
    ...ASCEND_STACK,
    exportControl: ASCEND_EXPORT,
    defaultSystem: 'huawei-cloudmatrix-384',
    specs: {
      bf16DenseTflops: spec(752, TFLOPS, 'official', ['CM384-PAPER'], {
        alternatives: [
          alt(780, 'analysis', ['SA-CM384'], 'SemiAnalysis; 384 x 780 gives the ~300 PFLOP/s system figure.'),
          alt(800, 'official', ['HC25-SUM', 'HEIM-910C'], 'FP16 on a Huawei roadmap slide.'),
        ],
        note: 'Per package = 2 dies x 376 (Huawei/SiliconFlow CloudMatrix paper). No native FP8.',
      }),
      fp16DenseTflops: spec(752, TFLOPS, 'official', ['CM384-PAPER', 'HC25-SUM'], {
        alternatives: [alt(800, 'official', ['HC25-SUM', 'HEIM-910C'])],
      }),
      int8DenseTops: spec(1504, TOPS, 'derived', ['derived'], { note: 'INT8 = 2 x FP16, our arithmetic.' }),
      hbmCapacityGB: spec(128, GB, 'official', ['SGLANG-ASC', 'CM384-PAPER']),
      hbmBandwidthTBps: spec(3.2, TBPS, 'analysis', ['HEIM-910C', 'SA-CM384']),
      scaleUpBandwidthGBps: spec(784, GBPS, 'official', ['HC25-SUM'], {
        alternatives: [
          alt(700, 'derived', ['HW-WAIC', 'derived'], '269 TB/s total UB bandwidth / 384 chips.'),
        ],
        note: 'Unified Bus per package, both directions added.',
      }),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['SA-CM384'], {
        alternatives: [alt(200, 'analysis', ['CRC-CM384'], '76.8 Tb/s RoCE / 384.')],
      }),
      diesPerPackage: spec(2, COUNT, 'official', ['SGLANG-ASC', 'HIASCEND-A3'], {
        note: 'Each package shows up as 2 logical NPUs (dies joined by SIO).',
      }),
      tdpW: spec(700, WATT, 'derived', ['FLAGPERF', 'derived'], {
        alternatives: [
          alt(800, 'derived', ['EPOCH', 'derived'], "2 x 400 W, Epoch's 910B TDP."),
          alt(700, 'rumour', ['EPOCH'], 'Epoch lists 700 W for the 910C without a source.'),
        ],
        note: '2 dies x 350 W, the card TDP FlagPerf gives for a 910B-class die (Atlas 800T A2). Huawei has not published a 910C TDP. All-in power in a CloudMatrix 384 is ~1,456 W per package (559 kW / 384, SemiAnalysis), on the system.',
      }),
      priceUsd: spec(28_571, USD, 'derived', ['WSJ-910C', 'derived'], {
        alternatives: [
          alt(
            20_833,
            'rumour',
            ['CM384-PRICE', 'derived'],
            'USD 8M per CloudMatrix 384 / 384 packages (single report; includes the whole supernode).',
          ),
        ],
        note: 'USD 2 billion for ~70,000 chips (WSJ, Aug 2024, expected orders), our division; an average order value, not a list price.',
      }),
    },
    notApplicable: [NO_FP8],
    notes:
      'Huawei has published neither a TDP nor a price; both are estimates with their arithmetic in the notes.',
  },
  {
    id: 'huawei-ascend-950pr',
    vendor: 'Huawei',
    name: 'Ascend 950PR (prefill/recommendation; Atlas 350)',
    vendorCountry: 'CN',
    domestic: true,
    status: 'announced',
    family: 'huawei-ascend-950',
    softwareStack: ['CANN'],
    softwareSources: src('HW-HC25', 'HIXL-UB'),
    exportControl: domesticExport('2025-09-18', ['BIS-ASCEND']),
    specs: {
      bf16DenseTflops: spec(432, TFLOPS, 'official', ['ASC950-WP'], {
        alternatives: [
          alt(486, 'official', ['ASC950-WP'], 'Cube + vector.'),
          alt(378, 'official', ['ASC950-WP'], 'PCIe clock tier.'),
        ],
        note: 'Dense cube peak, Server clock tier (950 white paper Table 3-1).',
      }),
      fp16DenseTflops: spec(432, TFLOPS, 'official', ['ASC950-WP']),
      fp8DenseTflops: spec(865, TFLOPS, 'official', ['ASC950-WP'], {
        alternatives: [
          alt(1000, 'official', ['HW-HC25'], 'Keynote headline (rounded).'),
          alt(756, 'official', ['ASC950-WP'], 'PCIe clock tier.'),
        ],
      }),
      fp4DenseTflops: spec(1730, TFLOPS, 'official', ['ASC950-WP'], {
        alternatives: [
          alt(2000, 'official', ['HW-HC25'], 'Keynote headline.'),
          alt(1560, 'rumour', ['ATLAS350'], 'Atlas 350 card.'),
        ],
      }),
      hbmCapacityGB: spec(128, GB, 'official', ['HW-HC25', 'ASC950-PRDT', 'ASC950-IMG'], {
        alternatives: [alt(112, 'rumour', ['ATLAS350'], 'Atlas 350 card.')],
        note: 'HiBL 1.0, Huawei in-house HBM.',
      }),
      hbmBandwidthTBps: spec(1.6, TBPS, 'official', ['ASC950-PRDT', 'ASC950-IMG']),
      scaleUpBandwidthGBps: spec(2000, GBPS, 'official', ['HW-HC25', 'HC25-SUM']),
      tdpW: spec(600, WATT, 'rumour', ['ATLAS350']),
    },
    availableFrom: available('2026-Q1', 'official', ['HW-HC25', 'UDN-HC25'], 'Huawei Connect 2025 roadmap.'),
    notes:
      'Same die as 950DT. Launch planned 2026-Q1 (Atlas 350 card); status as of the research cut-off (Jan 2026).',
  },
  {
    id: 'huawei-ascend-950dt',
    vendor: 'Huawei',
    name: 'Ascend 950DT (decode/training)',
    vendorCountry: 'CN',
    domestic: true,
    status: 'announced',
    family: 'huawei-ascend-950',
    softwareStack: ['CANN'],
    softwareSources: src('HW-HC25', 'HIXL-UB'),
    exportControl: domesticExport('2025-09-18', ['BIS-ASCEND']),
    specs: {
      bf16DenseTflops: spec(432, TFLOPS, 'derived', ['ASC950-WP', 'derived'], {
        note: 'Assumed = 950PR Server tier (same die); Huawei quotes only FP8/FP4 for 950DT.',
      }),
      fp16DenseTflops: spec(432, TFLOPS, 'derived', ['ASC950-WP', 'derived']),
      fp8DenseTflops: spec(865, TFLOPS, 'derived', ['ASC950-WP', 'derived'], {
        alternatives: [alt(1000, 'official', ['HW-HC25'], 'Keynote headline.')],
      }),
      fp4DenseTflops: spec(1730, TFLOPS, 'derived', ['ASC950-WP', 'derived'], {
        alternatives: [alt(2000, 'official', ['HW-HC25'], 'Keynote headline.')],
      }),
      hbmCapacityGB: spec(144, GB, 'official', ['HW-HC25', 'ASC950-PRDT', 'ASC950-IMG'], {
        note: 'HiZQ 2.0. Atlas 950 SuperPoD: 1,152 TB / 8,192 chips = 140.6 GB per chip.',
      }),
      hbmBandwidthTBps: spec(4, TBPS, 'official', ['HW-HC25', 'ASC950-PRDT', 'ASC950-IMG'], {
        note: 'A forum analysis of a package photo agrees: 4 stacks x ~1 TB/s (SINODEF-950).',
      }),
      scaleUpBandwidthGBps: spec(2000, GBPS, 'official', ['HW-HC25', 'HC25-SUM']),
    },
    availableFrom: available('2026-Q4', 'official', ['HW-HC25', 'UDN-HC25'], 'Huawei Connect 2025 roadmap.'),
    notes:
      'The Atlas 950 SuperPoD (2026-Q4, 8,192 x 950DT in one UB domain, 160 cabinets, 8 EFLOPS FP8, 1,152 TB) is not a catalog system yet: no per-chip scale-out figure is published (docs/CATALOG.md#roadmap-entries).',
  },
];

export const HUAWEI: CatalogFile = {
  chips,
  systems: [
    {
      id: 'huawei-atlas-800t-a2',
      vendor: 'Huawei',
      name: 'Atlas 800T A2 training server (8 x Ascend 910B)',
      status: 'shipping',
      chipId: 'huawei-ascend-910b',
      specs: {
        chipsPerSystem: spec(8, COUNT, 'official', ['DAOCLOUD-800TA2']),
        scaleUpDomainSize: spec(8, COUNT, 'official', ['DAOCLOUD-800TA2', 'GITEE-ASC']),
        scaleUpBandwidthGBps: spec(392, GBPS, 'analysis', ['EPOCH', 'GITEE-ASC']),
        scaleOutBandwidthGbps: spec(200, GBITPS, 'official', ['DAOCLOUD-800TA2']),
      },
      notes: '4U, 2 x Kunpeng 920, 8 x 200GE RoCE parameter plane. Server power and price not found.',
    },
    {
      id: 'huawei-cloudmatrix-384',
      vendor: 'Huawei',
      name: 'CloudMatrix 384 / Atlas 900 A3 SuperPoD (384 x Ascend 910C)',
      status: 'shipping',
      chipId: 'huawei-ascend-910c',
      specs: {
        chipsPerSystem: spec(384, COUNT, 'official', ['HW-WAIC', 'SA-CM384']),
        scaleUpDomainSize: spec(384, COUNT, 'official', ['HW-WAIC', 'SA-CM384']),
        scaleUpBandwidthGBps: spec(700, GBPS, 'derived', ['HW-WAIC', 'derived'], {
          alternatives: [alt(784, 'official', ['HC25-SUM'], 'Per-chip UB figure from Huawei Connect 2025.')],
          note: "Huawei's 269 TB/s total scale-up bandwidth / 384 chips.",
        }),
        scaleUpLatencyUs: spec(0.2, US, 'official', ['HW-WAIC'], {
          note: 'Huawei claim: latency cut from 2 us to 200 ns. A vendor headline, not a measured collective.',
        }),
        scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['SA-CM384'], {
          alternatives: [alt(200, 'analysis', ['CRC-CM384'], '76.8 Tb/s RoCE / 384.')],
        }),
        powerKW: spec(559, KW, 'analysis', ['SA-CM384', 'TH-CM384'], {
          note: 'SemiAnalysis estimate; Huawei has not published CloudMatrix power.',
        }),
        priceUsd: spec(8_000_000, USD, 'rumour', ['CM384-PRICE'], {
          note: 'Single report, "about 3x an NVL72".',
        }),
        racksPerSystem: spec(16, COUNT, 'official', ['HW-WAIC', 'SA-CM384'], {
          note: '12 compute racks of 32 NPUs and 4 network racks, joined by 6,912 optical 800G transceivers.',
        }),
        totalBf16DenseTflops: spec(300_000, TFLOPS, 'official', ['HW-WAIC', 'SA-CM384'], {
          alternatives: [
            alt(288_768, 'derived', ['CM384-PAPER', 'derived'], '384 x 752 TFLOP/s (CloudMatrix paper).'),
            alt(289_000, 'analysis', ['CRC-CM384']),
          ],
          note: 'Huawei markets 300 PFLOP/s (1.7x NVL72); SemiAnalysis: 384 x 780.',
        }),
        totalHbmCapacityGB: spec(49_200, GB, 'analysis', ['SA-CM384', 'TH-CM384'], {
          alternatives: [alt(48_000, 'analysis', ['CRC-CM384'])],
          note: '384 x 128 GB.',
        }),
        totalHbmBandwidthTBps: spec(1229, TBPS, 'official', ['HW-WAIC', 'TH-CM384']),
      },
      notes:
        '16 racks: 12 compute racks of 32 NPUs + 4 network racks; 192 Kunpeng CPUs; all-optical UB (6,912 x 800G LPO).',
    },
  ],
};
