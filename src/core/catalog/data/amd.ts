/**
 * AMD Instinct chips and the 8-GPU MI300X platform. AMD sheets quote sparse FP8/INT8 figures; values
 * here are dense. `amd-mi250x-gcd` is one graphics compute die, half an MI250X package, because
 * Frontier and most published MI250X runs count GCDs as GPUs.
 */
import type { CatalogFile, Chip } from '../schema';
import { alt, COUNT, exportControl, GB, GBITPS, GBPS, spec, TBPS, TFLOPS, TOPS, USD, WATT } from './helpers';
import { src } from './sources';

const ROCM = {
  softwareStack: ['ROCm'] as Chip['softwareStack'],
  softwareSources: src('EPOCH', 'AMD-MI300X-DS'),
};
const amd = (
  chip: Omit<Chip, 'vendor' | 'vendorCountry' | 'domestic' | 'softwareStack' | 'softwareSources'>,
): Chip => ({
  vendor: 'AMD',
  vendorCountry: 'US',
  domestic: false,
  ...ROCM,
  ...chip,
});

const CASE_BY_CASE = exportControl(
  'licence-required',
  '2026-01-15',
  ['BIS-JAN26', 'derived'],
  'Licence required; below the TPP 21,000 / 6,500 GB/s ceilings of the 2026-01-15 rule, so eligible for case-by-case review in principle (our arithmetic, not a named listing).',
);

const HALF = 'Half of the MI250X package figure (2 GCDs per package), our arithmetic.';

const chips: Chip[] = [
  amd({
    id: 'amd-mi250x-gcd',
    name: 'Instinct MI250X, one GCD (as Frontier counts GPUs)',
    status: 'retired',
    family: 'amd-cdna2',
    exportControl: CASE_BY_CASE,
    specs: {
      fp64DenseTflops: spec(23.95, TFLOPS, 'derived', ['EPOCH', 'derived'], { note: HALF }),
      fp32DenseTflops: spec(23.95, TFLOPS, 'derived', ['EPOCH', 'derived'], { note: HALF }),
      bf16DenseTflops: spec(191.5, TFLOPS, 'derived', ['EPOCH', 'derived'], {
        note: `${HALF} Package: 383.`,
      }),
      fp16DenseTflops: spec(191.5, TFLOPS, 'derived', ['EPOCH', 'derived'], { note: HALF }),
      int8DenseTops: spec(191.5, TOPS, 'derived', ['EPOCH', 'derived'], { note: HALF }),
      hbmCapacityGB: spec(64, GB, 'official', ['FRONTIER-OLCF', 'EPOCH'], { note: 'Package: 128 GB HBM2e.' }),
      hbmBandwidthTBps: spec(1.64, TBPS, 'derived', ['EPOCH', 'derived'], {
        note: `${HALF} Package: 3.28 TB/s.`,
      }),
      scaleUpBandwidthGBps: spec(400, GBPS, 'derived', ['EPOCH', 'derived'], {
        note: `${HALF} Package: 800 GB/s Infinity Fabric.`,
      }),
      scaleOutBandwidthGbps: spec(100, GBITPS, 'analysis', ['FRONTIER-OLCF'], {
        note: 'Frontier node: 4 x 200 Gb/s Slingshot NICs for 8 GCDs.',
      }),
      tdpW: spec(250, WATT, 'derived', ['EPOCH', 'derived'], { note: `${HALF} Package: 500 W.` }),
      priceUsd: spec(7250, USD, 'derived', ['EPOCH', 'derived'], {
        note: `${HALF} Package: USD 14,500 (Epoch release price).`,
      }),
      diesPerPackage: spec(1, COUNT, 'official', ['FRONTIER-OLCF']),
    },
    notes: 'No system entry: the engine treats it as an 8-device node (a Frontier node has 8 GCDs).',
  }),
  amd({
    id: 'amd-mi300x',
    name: 'Instinct MI300X',
    status: 'shipping',
    family: 'amd-cdna3',
    exportControl: CASE_BY_CASE,
    defaultSystem: 'amd-mi300x-platform',
    specs: {
      fp64DenseTflops: spec(81.7, TFLOPS, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      fp32DenseTflops: spec(163.4, TFLOPS, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      tf32DenseTflops: spec(653.7, TFLOPS, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      bf16DenseTflops: spec(1307.4, TFLOPS, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      bf16MatmulAchievedTflops: spec(668.4, TFLOPS, 'analysis', ['MAMF'], {
        note: 'torch 2.5.1, ROCm 6.3, TunableOp on; ~450 with ROCm 6.1 per the same source.',
      }),
      fp16DenseTflops: spec(1307.4, TFLOPS, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      fp8DenseTflops: spec(2614.9, TFLOPS, 'official', ['AMD-MI300X-DS']),
      int8DenseTops: spec(2614.9, TOPS, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      hbmCapacityGB: spec(192, GB, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      hbmBandwidthTBps: spec(5.3, TBPS, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      scaleUpBandwidthGBps: spec(896, GBPS, 'analysis', ['AMD-M', 'AMD-MI300X-PLATFORM'], {
        note: '7 Infinity Fabric links x 128 GB/s (AMD figures recalled, not re-verified).',
      }),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['AMD-M'], { note: 'Typical 400G NIC per GPU.' }),
      tdpW: spec(750, WATT, 'official', ['AMD-MI300X-DS', 'EPOCH']),
      priceUsd: spec(15_000, USD, 'analysis', ['PRICE-MI300X'], {
        alternatives: [alt(10_000, 'analysis', ['PRICE-MI300X'], 'Low end of the USD 10-15k range.')],
      }),
    },
    notes: 'TPP ~20,919, just under the 21,000 case-by-case ceiling (derived).',
  }),
  amd({
    id: 'amd-mi308x',
    name: 'Instinct MI308X (China variant)',
    status: 'shipping',
    family: 'amd-cdna3',
    exportControl: exportControl(
      'licence-required',
      '2025-08-08',
      ['H20-15PCT'],
      'Licence required since 2025-04; licences with a 15% revenue share from 2025-08.',
    ),
    specs: {
      fp64DenseTflops: spec(81.7, TFLOPS, 'rumour', ['EPOCH', 'TPU-MI308X']),
      fp32DenseTflops: spec(81.7, TFLOPS, 'rumour', ['EPOCH', 'TPU-MI308X']),
      bf16DenseTflops: spec(653.7, TFLOPS, 'rumour', ['EPOCH', 'TPU-MI308X']),
      fp16DenseTflops: spec(653.7, TFLOPS, 'rumour', ['EPOCH', 'TPU-MI308X']),
      hbmCapacityGB: spec(192, GB, 'rumour', ['EPOCH', 'TPU-MI308X']),
    },
    notes:
      'AMD has published no datasheet; figures are TechPowerUp database entries. Its 10.3 TB/s memory bandwidth is implausible and omitted.',
  }),
  amd({
    id: 'amd-mi325x',
    name: 'Instinct MI325X',
    status: 'shipping',
    family: 'amd-cdna3',
    exportControl: exportControl(
      'licence-required',
      '2026-01-15',
      ['BIS-JAN26'],
      'Named in the 2026-01-15 BIS rule: case-by-case review (exports from the US only, 25% tariff, third-party testing).',
    ),
    specs: {
      fp64DenseTflops: spec(81.7, TFLOPS, 'official', ['AMD-MI325X', 'EPOCH']),
      fp32DenseTflops: spec(163.4, TFLOPS, 'official', ['AMD-MI325X', 'EPOCH']),
      tf32DenseTflops: spec(653.7, TFLOPS, 'official', ['AMD-MI325X', 'EPOCH']),
      bf16DenseTflops: spec(1307.4, TFLOPS, 'official', ['AMD-MI325X', 'EPOCH']),
      bf16MatmulAchievedTflops: spec(784.9, TFLOPS, 'analysis', ['MAMF'], { note: '1000 W, TunableOp on.' }),
      fp16DenseTflops: spec(1307.4, TFLOPS, 'official', ['AMD-MI325X', 'EPOCH']),
      fp8DenseTflops: spec(2614.9, TFLOPS, 'derived', ['AMD-MI325X', 'derived'], {
        note: 'Same compute die as MI300X.',
      }),
      int8DenseTops: spec(2614.9, TOPS, 'official', ['AMD-MI325X', 'EPOCH']),
      hbmCapacityGB: spec(256, GB, 'official', ['AMD-MI325X', 'EPOCH']),
      hbmBandwidthTBps: spec(6, TBPS, 'official', ['AMD-MI325X', 'EPOCH']),
      scaleUpBandwidthGBps: spec(896, GBPS, 'analysis', ['AMD-M']),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['AMD-M']),
      tdpW: spec(1000, WATT, 'official', ['AMD-MI325X', 'EPOCH']),
    },
  }),
  amd({
    id: 'amd-mi355x',
    name: 'Instinct MI355X',
    status: 'shipping',
    family: 'amd-cdna4',
    exportControl: exportControl(
      'prohibited',
      '2026-01-15',
      ['BIS-JAN26', 'derived'],
      'Licence required with a presumption of denial: TPP ~40,000 exceeds the 21,000 case-by-case ceiling (our arithmetic).',
    ),
    specs: {
      bf16DenseTflops: spec(2516.6, TFLOPS, 'official', ['AMD-MI355X-BR', 'EPOCH'], {
        alternatives: [alt(2340, 'analysis', ['EPOCH'], 'Epoch FP16 figure.')],
      }),
      bf16MatmulAchievedTflops: spec(1565, TFLOPS, 'analysis', ['MAMF']),
      fp16DenseTflops: spec(2516.6, TFLOPS, 'official', ['AMD-MI355X-BR', 'EPOCH']),
      fp8DenseTflops: spec(5033.2, TFLOPS, 'analysis', ['AMD-MI355X-BR', 'derived'], {
        alternatives: [alt(4600, 'analysis', ['EPOCH'], 'Matches MI350X; possibly swapped.')],
      }),
      int8DenseTops: spec(5033.2, TOPS, 'official', ['AMD-MI355X-BR', 'EPOCH']),
      fp4DenseTflops: spec(10_066.4, TFLOPS, 'derived', ['AMD-MI355X-BR', 'derived'], {
        alternatives: [alt(9200, 'analysis', ['EPOCH'])],
      }),
      hbmCapacityGB: spec(288, GB, 'official', ['AMD-MI355X-BR', 'EPOCH']),
      hbmBandwidthTBps: spec(8, TBPS, 'official', ['AMD-MI355X-BR', 'EPOCH']),
      scaleUpBandwidthGBps: spec(
        1075.2,
        GBPS,
        'analysis',
        ['HUME-MI355X', 'AMD-MI300X-PLATFORM', 'derived'],
        {
          note: "7 Infinity Fabric links (the 8-GPU OAM platform's full mesh, as for the MI300X) x ~153.6 GB/s per link, both directions. Until 2026-12-07 the entry had none and the engines assumed PCIe 4 (64 GB/s a direction).",
        },
      ),
      scaleOutBandwidthGbps: spec(400, GBITPS, 'official', ['CRUSOE-MLC'], {
        note: 'MLPerf system description: 8 x AMD Pollara 400G per node.',
      }),
      tdpW: spec(1400, WATT, 'official', ['AMD-MI355X-BR', 'EPOCH']),
    },
  }),
];

export const AMD: CatalogFile = {
  chips,
  systems: [
    {
      id: 'amd-mi300x-platform',
      vendor: 'AMD',
      name: 'Instinct MI300X platform (8 x MI300X OAM)',
      status: 'shipping',
      chipId: 'amd-mi300x',
      specs: {
        chipsPerSystem: spec(8, COUNT, 'official', ['AMD-MI300X-PLATFORM']),
        scaleUpDomainSize: spec(8, COUNT, 'official', ['AMD-MI300X-PLATFORM']),
        scaleUpBandwidthGBps: spec(896, GBPS, 'analysis', ['AMD-M', 'AMD-MI300X-PLATFORM'], {
          note: 'Fully connected: 7 direct Infinity Fabric links x 128 GB/s per GPU.',
        }),
        scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['AMD-M']),
      },
      notes: 'Platform power and price not found.',
    },
  ],
};
