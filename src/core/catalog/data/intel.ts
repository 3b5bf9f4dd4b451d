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
        hbmCapacityGB: spec(96, GB, 'official', ['EPOCH']),
        hbmBandwidthTBps: spec(2.45, TBPS, 'official', ['EPOCH']),
        scaleUpBandwidthGBps: spec(300, GBPS, 'analysis', ['INTEL-M'], {
          note: '24 x 100GbE on-die RoCE port-rate total; in an 8-card box 21 ports go to scale-up and 3 to scale-out.',
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
        scaleUpBandwidthGBps: spec(600, GBPS, 'analysis', ['INTEL-M'], {
          note: '24 x 200GbE on-die RoCE port-rate total; in an 8-card box 21 ports go to scale-up and 3 to scale-out.',
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
