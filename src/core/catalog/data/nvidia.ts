/**
 * NVIDIA chips and systems. NVIDIA datasheets quote Tensor-core FLOP/s with 2:4 sparsity; every value
 * here is dense (the sparse figure halved), as in shared/reference/accelerators.csv.
 */
import type { CatalogFile, Chip, ExportControl } from '../schema';
import {
  absent,
  alt,
  COUNT,
  exportControl,
  GB,
  GBITPS,
  GBPS,
  spec,
  TBPS,
  TFLOPS,
  TOPS,
  USD,
  usdFromCny,
  WATT,
} from './helpers';
import { NVIDIA_SYSTEMS } from './nvidia-systems';
import { src } from './sources';

const CUDA = {
  softwareStack: ['CUDA'] as Chip['softwareStack'],
  softwareSources: src('NV-H100-DS', 'EPOCH'),
};

const CASE_BY_CASE =
  'Licence required; since the BIS rule effective 2026-01-15, case-by-case review for chips under TPP 21,000 and DRAM bandwidth 6,500 GB/s (exports from the US only, 25% tariff, <= 50% of US volume, third-party testing). Eligibility inferred from the thresholds; no licence for this part has been reported.';

const caseByCase = (since: string): ExportControl =>
  exportControl(
    'licence-required',
    '2026-01-15',
    ['BIS-JAN26'],
    `${CASE_BY_CASE} Licence required since ${since}.`,
  );

const BLACKWELL_EXPORT = exportControl(
  'prohibited',
  '2026-01-15',
  ['H200-TRUMP', 'BIS-JAN26'],
  'Licence required with a presumption of denial; Blackwell was excluded from the Dec-2025 H200 decision.',
);

/** Ampere has no FP8 Tensor Cores: FP8 arrived with Hopper's Transformer Engine. */
const NO_FP8_AMPERE = absent(
  'fp8DenseTflops' as const,
  "no FP8 on Ampere; FP8 Tensor Cores arrived with Hopper's Transformer Engine",
  ['NV-H100-DS'],
);

const nvidia = (
  chip: Omit<Chip, 'vendor' | 'vendorCountry' | 'domestic' | 'softwareStack' | 'softwareSources'>,
): Chip => ({
  vendor: 'NVIDIA',
  vendorCountry: 'US',
  domestic: false,
  ...CUDA,
  ...chip,
});

const chips: Chip[] = [
  nvidia({
    id: 'nvidia-a100-sxm4-80gb',
    name: 'A100 SXM4 80GB',
    status: 'retired',
    family: 'nvidia-ampere',
    exportControl: caseByCase('2022-10-07'),
    defaultSystem: 'nvidia-dgx-a100',
    specs: {
      fp64DenseTflops: spec(9.7, TFLOPS, 'official', ['EPOCH'], { note: 'FP64 Tensor Core: 19.5.' }),
      fp32DenseTflops: spec(19.5, TFLOPS, 'official', ['EPOCH']),
      tf32DenseTflops: spec(156, TFLOPS, 'official', ['EPOCH']),
      bf16DenseTflops: spec(312, TFLOPS, 'official', ['EPOCH']),
      bf16MatmulAchievedTflops: spec(271.2, TFLOPS, 'analysis', ['MAMF']),
      fp16DenseTflops: spec(312, TFLOPS, 'official', ['EPOCH']),
      int8DenseTops: spec(624, TOPS, 'official', ['EPOCH']),
      hbmCapacityGB: spec(80, GB, 'official', ['EPOCH']),
      hbmBandwidthTBps: spec(2.039, TBPS, 'official', ['EPOCH']),
      scaleUpBandwidthGBps: spec(600, GBPS, 'official', ['EPOCH'], {
        note: 'NVLink 3, both directions added.',
      }),
      scaleOutBandwidthGbps: spec(200, GBITPS, 'official', ['EPOCH', 'NV-DGXA100-DS']),
      tdpW: spec(400, WATT, 'official', ['EPOCH']),
      priceUsd: spec(15_000, USD, 'rumour', ['HF-A100'], {
        alternatives: [
          alt(
            usdFromCny(125_000),
            'rumour',
            ['ST-GREY'],
            'RMB 125,000 on Chinese e-commerce (2023, grey market).',
          ),
        ],
        note: 'Community MSRP figure; NVIDIA never published a list price.',
      }),
    },
    notApplicable: [NO_FP8_AMPERE],
    notes: 'End of life; whether BIS would licence an EOL A100 under the 2026 rule is untested.',
  }),
  nvidia({
    id: 'nvidia-a800-sxm4-80gb',
    name: 'A800 SXM4 80GB (China variant)',
    status: 'retired',
    family: 'nvidia-ampere',
    exportControl: caseByCase('the 2023-10-17 rule'),
    defaultSystem: 'nvidia-hgx-a800',
    specs: {
      fp64DenseTflops: spec(9.7, TFLOPS, 'official', ['EPOCH']),
      fp32DenseTflops: spec(19.5, TFLOPS, 'official', ['EPOCH']),
      tf32DenseTflops: spec(156, TFLOPS, 'official', ['EPOCH']),
      bf16DenseTflops: spec(312, TFLOPS, 'official', ['EPOCH']),
      bf16MatmulAchievedTflops: spec(271.2, TFLOPS, 'derived', ['MAMF', 'derived'], {
        note: 'The A100 die and clocks (A800 differs only in NVLink): the A100 measurement.',
      }),
      fp16DenseTflops: spec(312, TFLOPS, 'official', ['EPOCH']),
      int8DenseTops: spec(624, TOPS, 'derived', ['EPOCH', 'derived'], { note: 'Same silicon as A100.' }),
      hbmCapacityGB: spec(80, GB, 'official', ['EPOCH']),
      hbmBandwidthTBps: spec(2.04, TBPS, 'official', ['EPOCH']),
      scaleUpBandwidthGBps: spec(400, GBPS, 'official', ['EPOCH', 'THEAD-PPU'], {
        note: 'NVLink capped to 400 GB/s to pass the Oct-2022 interconnect threshold.',
      }),
      scaleOutBandwidthGbps: spec(200, GBITPS, 'official', ['EPOCH']),
      tdpW: spec(400, WATT, 'official', ['EPOCH']),
      priceUsd: spec(10_000, USD, 'derived', ['FT-A800', 'derived'], {
        alternatives: [
          alt(12_000, 'rumour', ['HF-A800'], 'Community MSRP figure.'),
          alt(usdFromCny(108_000), 'rumour', ['ST-GREY'], 'RMB 108,000 on Chinese e-commerce (2023).'),
        ],
        note: 'USD 1 billion for ~100,000 A800 ordered by Chinese hyperscalers (FT, Aug 2023), our division.',
      }),
    },
    notApplicable: [NO_FP8_AMPERE],
  }),
  nvidia({
    id: 'nvidia-h100-sxm5-80gb',
    name: 'H100 SXM5 80GB',
    status: 'shipping',
    family: 'nvidia-hopper',
    exportControl: caseByCase('2022-10-07'),
    defaultSystem: 'nvidia-dgx-h100',
    specs: {
      fp64DenseTflops: spec(33.5, TFLOPS, 'official', ['NV-H100-DS', 'EPOCH']),
      fp32DenseTflops: spec(66.9, TFLOPS, 'official', ['NV-H100-DS', 'EPOCH']),
      tf32DenseTflops: spec(494.7, TFLOPS, 'official', ['NV-H100-DS', 'EPOCH']),
      bf16DenseTflops: spec(989.4, TFLOPS, 'official', ['NV-H100-DS', 'EPOCH']),
      bf16MatmulAchievedTflops: spec(794.5, TFLOPS, 'analysis', ['MAMF']),
      fp16DenseTflops: spec(989.4, TFLOPS, 'official', ['NV-H100-DS', 'EPOCH']),
      fp8DenseTflops: spec(1979, TFLOPS, 'official', ['NV-H100-DS']),
      int8DenseTops: spec(1979, TOPS, 'official', ['NV-H100-DS', 'EPOCH']),
      hbmCapacityGB: spec(80, GB, 'official', ['NV-H100-DS', 'EPOCH']),
      hbmBandwidthTBps: spec(3.35, TBPS, 'official', ['NV-H100-DS', 'EPOCH']),
      scaleUpBandwidthGBps: spec(900, GBPS, 'official', ['NV-H100-DS', 'EPOCH'], {
        note: 'NVLink 4, both directions added.',
      }),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'official', ['EPOCH', 'NV-DGXH100-UG']),
      tdpW: spec(700, WATT, 'official', ['NV-H100-DS', 'EPOCH']),
      priceUsd: spec(33_600, USD, 'analysis', ['PRICE-H100'], {
        alternatives: [alt(25_000, 'rumour', ['PRICE-GB200']), alt(30_000, 'rumour', ['HF-H100'])],
        note: 'SemiAnalysis: DGX H100 at USD 269k / 8.',
      }),
    },
  }),
  nvidia({
    id: 'nvidia-h800-sxm5-80gb',
    name: 'H800 SXM5 80GB (China variant)',
    status: 'retired',
    family: 'nvidia-hopper',
    exportControl: caseByCase('the 2023-10-17 rule'),
    defaultSystem: 'nvidia-hgx-h800',
    specs: {
      fp64DenseTflops: spec(1, TFLOPS, 'analysis', ['NV-H800-M'], {
        alternatives: [alt(29.65, 'analysis', ['EPOCH'], 'TechPowerUp via Epoch.')],
        note: 'Datasheet FP64 cut to ~1 TFLOP/s (recalled, not re-verified).',
      }),
      fp32DenseTflops: spec(67, TFLOPS, 'analysis', ['EPOCH'], {
        alternatives: [alt(59.3, 'analysis', ['EPOCH'])],
      }),
      tf32DenseTflops: spec(494.7, TFLOPS, 'analysis', ['EPOCH'], {
        alternatives: [alt(454.5, 'analysis', ['EPOCH'])],
      }),
      bf16DenseTflops: spec(989.4, TFLOPS, 'analysis', ['EPOCH']),
      bf16MatmulAchievedTflops: spec(794.5, TFLOPS, 'derived', ['MAMF', 'derived'], {
        note: 'The H100 SXM die and clocks (H800 differs only in NVLink and FP64): the H100 measurement.',
      }),
      fp16DenseTflops: spec(989.4, TFLOPS, 'analysis', ['EPOCH']),
      fp8DenseTflops: spec(1979, TFLOPS, 'analysis', ['EPOCH']),
      int8DenseTops: spec(1979, TOPS, 'analysis', ['EPOCH']),
      hbmCapacityGB: spec(80, GB, 'analysis', ['EPOCH']),
      hbmBandwidthTBps: spec(3.35, TBPS, 'analysis', ['EPOCH']),
      scaleUpBandwidthGBps: spec(400, GBPS, 'analysis', ['NV-H800-M'], {
        note: 'NVLink capped to 400 GB/s (datasheet recalled, not re-verified).',
      }),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['EPOCH']),
      tdpW: spec(700, WATT, 'analysis', ['EPOCH']),
      priceUsd: spec(30_000, USD, 'rumour', ['HF-H800'], {
        note: 'Community MSRP figure; no press or analyst price for the H800 was found. Sold into China Mar-Oct 2023 only.',
      }),
    },
    notes: 'Used by DeepSeek for V3/R1 training.',
  }),
  nvidia({
    id: 'nvidia-h20',
    name: 'H20 (HGX, China variant)',
    status: 'shipping',
    family: 'nvidia-hopper',
    exportControl: exportControl(
      'licence-required',
      '2025-09-17',
      ['NV-8K-H20', 'H20-15PCT', 'CAC-H20'],
      'Licence required since 2025-04; licences issued from 2025-08-08 with a 15% revenue share. China (CAC) told firms to halt or avoid H20 orders (Aug-Sep 2025).',
    ),
    defaultSystem: 'nvidia-hgx-h20',
    specs: {
      fp64DenseTflops: spec(1, TFLOPS, 'analysis', ['EPOCH']),
      fp32DenseTflops: spec(44, TFLOPS, 'analysis', ['EPOCH']),
      tf32DenseTflops: spec(74, TFLOPS, 'analysis', ['EPOCH']),
      bf16DenseTflops: spec(148, TFLOPS, 'analysis', ['EPOCH']),
      fp16DenseTflops: spec(148, TFLOPS, 'analysis', ['EPOCH']),
      fp8DenseTflops: spec(296, TFLOPS, 'derived', ['EPOCH', 'derived'], {
        note: '2 x BF16, as on every Hopper.',
      }),
      int8DenseTops: spec(296, TOPS, 'analysis', ['EPOCH']),
      hbmCapacityGB: spec(96, GB, 'analysis', ['EPOCH']),
      hbmBandwidthTBps: spec(4, TBPS, 'analysis', ['EPOCH']),
      scaleUpBandwidthGBps: spec(900, GBPS, 'analysis', ['THEAD-PPU', 'NV-M']),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['EPOCH']),
      tdpW: spec(400, WATT, 'analysis', ['EPOCH']),
      priceUsd: spec(12_000, USD, 'analysis', ['PRICE-H20'], {
        alternatives: [
          alt(10_000, 'analysis', ['PRICE-H20']),
          alt(13_000, 'analysis', ['PRICE-H20']),
          alt(14_000, 'rumour', ['HF-H20'], 'Community MSRP figure.'),
          alt(
            usdFromCny(1_050_000 / 8),
            'rumour',
            ['TENCENT-H200'],
            'RMB 1.05 million per 8-GPU module (141 GB version, 2025) / 8.',
          ),
        ],
      }),
    },
  }),
  nvidia({
    id: 'nvidia-h200-sxm-141gb',
    name: 'H200 SXM 141GB',
    status: 'shipping',
    family: 'nvidia-hopper',
    exportControl: exportControl(
      'licence-required',
      '2026-01-28',
      ['H200-TRUMP', 'BIS-JAN26', 'CN-H200-BLOCK', 'CN-H200-OK'],
      'Named in the 2026-01-15 BIS rule: case-by-case review (25% to the US government). Chinese customs held it on 2026-01-14; China approved >400k units for ByteDance, Alibaba and Tencent on 2026-01-28, conditions pending.',
    ),
    defaultSystem: 'nvidia-hgx-h200',
    specs: {
      fp64DenseTflops: spec(33.5, TFLOPS, 'official', ['NV-H200-DS', 'EPOCH']),
      fp32DenseTflops: spec(66.9, TFLOPS, 'official', ['NV-H200-DS', 'EPOCH']),
      tf32DenseTflops: spec(494.5, TFLOPS, 'official', ['NV-H200-DS', 'EPOCH']),
      bf16DenseTflops: spec(989.5, TFLOPS, 'official', ['NV-H200-DS', 'EPOCH']),
      bf16MatmulAchievedTflops: spec(794.5, TFLOPS, 'analysis', ['MAMF'], {
        note: 'The table notes "H200 is the same" as H100 SXM.',
      }),
      fp16DenseTflops: spec(989.5, TFLOPS, 'official', ['NV-H200-DS', 'EPOCH']),
      fp8DenseTflops: spec(1979, TFLOPS, 'official', ['NV-H200-DS']),
      int8DenseTops: spec(1979, TOPS, 'official', ['NV-H200-DS', 'EPOCH']),
      hbmCapacityGB: spec(141, GB, 'official', ['AIWIKI-H200', 'NV-H200-DS']),
      hbmBandwidthTBps: spec(4.8, TBPS, 'official', ['NV-H200-DS', 'EPOCH']),
      scaleUpBandwidthGBps: spec(900, GBPS, 'official', ['NV-H200-DS', 'EPOCH']),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'official', ['EPOCH']),
      tdpW: spec(700, WATT, 'official', ['NV-H200-DS', 'EPOCH']),
      priceUsd: spec(27_000, USD, 'analysis', ['REUTERS-H200'], {
        alternatives: [
          alt(usdFromCny(190_000), 'rumour', ['CN-H200-QUOTE'], 'RMB 190,000 per chip (Jan 2026).'),
          alt(
            usdFromCny(1_400_000 / 8),
            'rumour',
            ['TENCENT-H200'],
            'RMB 1.4 million per 8-GPU module to channels / 8.',
          ),
          alt(32_000, 'rumour', ['HF-H200'], 'Community MSRP figure.'),
        ],
        note: 'Price of the China orders reported by Reuters (Dec 2025 - Jan 2026), before the 25% US fee question was settled.',
      }),
    },
  }),
  nvidia({
    id: 'nvidia-b200',
    name: 'B200 (HGX/DGX)',
    status: 'shipping',
    family: 'nvidia-blackwell',
    exportControl: BLACKWELL_EXPORT,
    defaultSystem: 'nvidia-dgx-b200',
    specs: {
      fp64DenseTflops: spec(31, TFLOPS, 'official', ['NV-B200-DS', 'EPOCH'], {
        alternatives: [alt(37, 'analysis', ['NV-M'], 'DGX B200 datasheet figure, not re-verified.')],
      }),
      fp32DenseTflops: spec(62, TFLOPS, 'official', ['NV-B200-DS', 'EPOCH']),
      tf32DenseTflops: spec(1125, TFLOPS, 'official', ['NV-B200-DS', 'EPOCH']),
      bf16DenseTflops: spec(2250, TFLOPS, 'official', ['NV-B200-DS', 'EPOCH']),
      bf16MatmulAchievedTflops: spec(1745, TFLOPS, 'analysis', ['MAMF']),
      fp16DenseTflops: spec(2250, TFLOPS, 'official', ['NV-B200-DS', 'EPOCH']),
      fp8DenseTflops: spec(4500, TFLOPS, 'official', ['NV-B200-DS', 'EPOCH']),
      int8DenseTops: spec(4500, TOPS, 'official', ['NV-B200-DS', 'EPOCH']),
      fp4DenseTflops: spec(9000, TFLOPS, 'official', ['NV-B200-DS', 'EPOCH']),
      hbmCapacityGB: spec(180, GB, 'official', ['NV-B200-DS', 'NV-DGXB200-UG'], {
        alternatives: [alt(192, 'official', ['EPOCH'], 'Product marketing (raw HBM).')],
        note: 'DGX B200: 1,440 GB for 8 GPUs.',
      }),
      hbmBandwidthTBps: spec(7.7, TBPS, 'official', ['NV-B200-DS', 'EPOCH'], {
        alternatives: [alt(8, 'official', ['EPOCH'], 'Product marketing.')],
      }),
      scaleUpBandwidthGBps: spec(1800, GBPS, 'official', ['EPOCH', 'NV-DGXB200-UG'], {
        note: 'NVLink 5, both directions added.',
      }),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'official', ['NV-DGXB200-UG']),
      tdpW: spec(1000, WATT, 'official', ['NV-B200-DS', 'EPOCH']),
      priceUsd: spec(35_000, USD, 'rumour', ['PRICE-B200'], {
        alternatives: [alt(30_000, 'rumour', ['PRICE-B200']), alt(40_000, 'rumour', ['PRICE-B200'])],
      }),
      diesPerPackage: spec(2, COUNT, 'official', ['NV-B200-DS']),
    },
  }),
  nvidia({
    id: 'nvidia-gb200',
    name: 'GB200 (one B200 GPU of a Grace-Blackwell superchip, 1,200 W)',
    status: 'shipping',
    family: 'nvidia-blackwell',
    exportControl: BLACKWELL_EXPORT,
    defaultSystem: 'nvidia-gb200-nvl72',
    specs: {
      fp64DenseTflops: spec(45, TFLOPS, 'official', ['EPOCH']),
      fp32DenseTflops: spec(90, TFLOPS, 'official', ['EPOCH']),
      tf32DenseTflops: spec(1250, TFLOPS, 'official', ['EPOCH']),
      bf16DenseTflops: spec(2500, TFLOPS, 'official', ['EPOCH']),
      bf16MatmulAchievedTflops: spec(1822, TFLOPS, 'analysis', ['MAMF']),
      fp16DenseTflops: spec(2500, TFLOPS, 'official', ['EPOCH']),
      fp8DenseTflops: spec(5000, TFLOPS, 'official', ['EPOCH']),
      int8DenseTops: spec(5000, TOPS, 'official', ['EPOCH']),
      fp4DenseTflops: spec(10_000, TFLOPS, 'official', ['EPOCH']),
      hbmCapacityGB: spec(186, GB, 'official', ['EPOCH'], {
        alternatives: [alt(192, 'official', ['EPOCH'], 'Raw HBM, product marketing.')],
      }),
      hbmBandwidthTBps: spec(8, TBPS, 'official', ['EPOCH']),
      scaleUpBandwidthGBps: spec(1800, GBPS, 'official', ['EPOCH']),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['SA-CM384']),
      tdpW: spec(1200, WATT, 'official', ['EPOCH']),
      diesPerPackage: spec(2, COUNT, 'official', ['NV-B200-DS']),
      priceUsd: spec(Math.round(3_100_000 / 72), USD, 'rumour', ['PRICE-GB200', 'derived'], {
        note: 'USD 3.1M per GB200 NVL72 / 72 GPUs: a per-GPU share of the rack (Grace CPUs, NVLink switches and rack included), not a chip price. GB200 is sold only in systems.',
      }),
    },
  }),
];

export const NVIDIA: CatalogFile = { chips, systems: NVIDIA_SYSTEMS };
