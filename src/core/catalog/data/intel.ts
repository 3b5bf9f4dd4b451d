/** Intel Gaudi. Its Ethernet ports serve both scale-up and scale-out; see the notes. */
import type { CatalogFile } from '../schema';
import { alt, exportControl, GB, GBITPS, GBPS, spec, TBPS, TFLOPS, USD, WATT } from './helpers';
import { src } from './sources';

export const INTEL: CatalogFile = {
  chips: [
    {
      id: 'intel-gaudi2',
      vendor: 'Intel',
      name: 'Gaudi 2 (HL-225)',
      vendorCountry: 'US',
      domestic: false,
      status: 'shipping',
      family: 'intel-gaudi',
      softwareStack: ['SynapseAI'],
      softwareSources: src('INTEL-M'),
      exportControl: exportControl(
        'licence-required',
        '2026-01-15',
        ['BIS-JAN26', 'derived'],
        'Licence required; TPP ~7,200 (BF16 450 x 16, our arithmetic) is above 4,800 and below the 21,000 ceiling of the 2026-01-15 rule, so eligible for case-by-case review in principle. A China SKU (HL-225B) existed.',
      ),
      specs: {
        bf16DenseTflops: spec(450, TFLOPS, 'official', ['EPOCH'], {
          alternatives: [
            alt(432, 'analysis', ['INTEL-M'], 'Intel product-page figure, recalled, not re-verified.'),
          ],
        }),
        fp8DenseTflops: spec(865, TFLOPS, 'official', ['EPOCH']),
        bf16MatmulAchievedTflops: spec(418.7, TFLOPS, 'analysis', ['MAMF'], {
          note: 'Lazy mode (PT_HPU_LAZY_MODE=1), best shape 14336x15360x2048; the table puts the theoretical peak at 432.',
        }),
        hbmCapacityGB: spec(96, GB, 'official', ['EPOCH']),
        hbmBandwidthTBps: spec(2.45, TBPS, 'official', ['EPOCH']),
        scaleUpBandwidthGBps: spec(525, GBPS, 'derived', ['INTEL-M', 'derived'], {
          note: 'Both directions added, as for NVLink (900 on an H100): in an 8-card box 21 of the 24 on-die 100GbE RoCE ports link the cards (3 to each peer), 21 x 12.5 GB/s a direction. Until 2026-12-07 the entry held 300, the 24 ports one way, which the engines then halved.',
          alternatives: [
            alt(
              300,
              'analysis',
              ['INTEL-M'],
              "The 24 ports x 100 Gb/s, one direction (the reference table's figure).",
            ),
          ],
        }),
        scaleOutBandwidthGbps: spec(300, GBITPS, 'analysis', ['INTEL-M'], { note: '3 x 100GbE ports.' }),
        tdpW: spec(600, WATT, 'official', ['EPOCH']),
      },
    },
    {
      id: 'intel-gaudi3',
      vendor: 'Intel',
      name: 'Gaudi 3 (HL-325L OAM)',
      vendorCountry: 'US',
      domestic: false,
      status: 'shipping',
      family: 'intel-gaudi',
      softwareStack: ['SynapseAI'],
      softwareSources: src('INTEL-G3-WP'),
      exportControl: exportControl(
        'prohibited',
        '2026-01-15',
        ['BIS-JAN26', 'derived'],
        'Licence required; TPP ~26,800 (BF16 1,678 x 16, our arithmetic) exceeds the 21,000 case-by-case ceiling, so presumption of denial.',
      ),
      specs: {
        fp32DenseTflops: spec(14.3, TFLOPS, 'official', ['INTEL-G3-WP', 'EPOCH']),
        tf32DenseTflops: spec(459, TFLOPS, 'official', ['INTEL-G3-WP', 'EPOCH']),
        bf16DenseTflops: spec(1678, TFLOPS, 'official', ['INTEL-G3-WP', 'EPOCH'], {
          alternatives: [
            alt(1835, 'analysis', ['INTEL-M'], 'Intel launch figure, recalled, not re-verified.'),
          ],
        }),
        bf16MatmulAchievedTflops: spec(1243, TFLOPS, 'analysis', ['MAMF'], { note: 'Lazy mode.' }),
        fp8DenseTflops: spec(1678, TFLOPS, 'official', ['INTEL-G3-WP', 'EPOCH'], {
          alternatives: [alt(1835, 'analysis', ['INTEL-M'])],
        }),
        hbmCapacityGB: spec(128, GB, 'official', ['INTEL-G3-WP', 'EPOCH']),
        hbmBandwidthTBps: spec(3.7, TBPS, 'official', ['INTEL-G3-WP', 'EPOCH']),
        scaleUpBandwidthGBps: spec(1050, GBPS, 'derived', ['INTEL-M', 'derived'], {
          note: 'Both directions added, as for NVLink: in an 8-card box 21 of the 24 on-die 200GbE RoCE ports link the cards (3 to each peer), 21 x 25 GB/s a direction. Until 2026-12-07 the entry held 600, the 24 ports one way, which the engines then halved.',
          alternatives: [
            alt(
              600,
              'analysis',
              ['INTEL-M'],
              "The 24 ports x 200 Gb/s, one direction (the reference table's figure).",
            ),
          ],
        }),
        scaleOutBandwidthGbps: spec(600, GBITPS, 'analysis', ['INTEL-M'], { note: '3 x 200GbE ports.' }),
        tdpW: spec(900, WATT, 'official', ['INTEL-G3-WP', 'EPOCH']),
        priceUsd: spec(15_625, USD, 'official', ['NEXTPLATFORM-GAUDI', 'INTEL-M'], {
          note: 'Intel list price: USD 125,000 per 8-accelerator UBB kit (Computex 2024) / 8.',
        }),
      },
    },
  ],
};
