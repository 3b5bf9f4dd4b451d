/**
 * Huawei's announced Ascend generations after the 950 (Huawei Connect 2025 roadmap, 18 Sep 2025):
 * keynote targets, not shipped silicon. Huawei quotes FP8/FP4 only; BF16 is derived as FP8 / 2, the
 * ratio of the Ascend 950 white paper (432 / 865), as the reference does for the SuperPoD totals.
 * The Atlas 960 SuperPoD (15,488 x Ascend 960) is not a system entry: no scale-out figure is published.
 */
import type { CatalogFile, Chip } from '../schema';
import { available, domesticExport, GB, GBPS, spec, TBPS, TFLOPS } from './helpers';
import { src } from './sources';

const ROADMAP = ['HW-HC25', 'HC25-SUM'] as const;
const BF16_NOTE =
  'Derived as FP8 / 2, the Ascend 950 white-paper ratio (432 / 865); Huawei quotes FP8 and FP4 only.';

const ascend = (
  chip: Omit<
    Chip,
    'vendor' | 'vendorCountry' | 'domestic' | 'status' | 'softwareStack' | 'softwareSources' | 'exportControl'
  >,
): Chip => ({
  vendor: 'Huawei',
  vendorCountry: 'CN',
  domestic: true,
  status: 'announced',
  softwareStack: ['CANN'],
  softwareSources: src('HW-HC25'),
  exportControl: domesticExport('2025-09-18', ['BIS-ASCEND']),
  ...chip,
});

export const HUAWEI_ROADMAP: CatalogFile = {
  chips: [
    ascend({
      id: 'huawei-ascend-960',
      name: 'Ascend 960 (roadmap)',
      family: 'huawei-ascend-960',
      specs: {
        bf16DenseTflops: spec(1000, TFLOPS, 'derived', [...ROADMAP, 'derived'], { note: BF16_NOTE }),
        fp8DenseTflops: spec(2000, TFLOPS, 'official', ROADMAP, {
          note: 'Keynote headline ("doubles the 950"); the 950 headline (1,000) was 865 in its white paper.',
        }),
        fp4DenseTflops: spec(4000, TFLOPS, 'official', ROADMAP, { note: 'HiF4, keynote headline.' }),
        hbmCapacityGB: spec(288, GB, 'official', ROADMAP, { note: 'Huawei in-house HBM.' }),
        hbmBandwidthTBps: spec(9.6, TBPS, 'official', ROADMAP),
        scaleUpBandwidthGBps: spec(2200, GBPS, 'official', ROADMAP, { note: 'UnifiedBus, per chip.' }),
      },
      availableFrom: available(
        '2027-Q4',
        'official',
        ['HW-HC25', 'UDN-HC25'],
        'Huawei Connect 2025 roadmap.',
      ),
      notes:
        'Targets announced in Sep 2025, not shipped silicon. The Atlas 960 SuperPoD (2027-Q4) puts 15,488 of them in one UB domain.',
    }),
    ascend({
      id: 'huawei-ascend-970',
      name: 'Ascend 970 (roadmap, specs preliminary)',
      family: 'huawei-ascend-970',
      specs: {
        bf16DenseTflops: spec(2000, TFLOPS, 'derived', [...ROADMAP, 'derived'], { note: BF16_NOTE }),
        fp8DenseTflops: spec(4000, TFLOPS, 'official', ROADMAP, { note: 'Keynote headline, preliminary.' }),
        fp4DenseTflops: spec(8000, TFLOPS, 'official', ROADMAP, { note: 'Keynote headline, preliminary.' }),
        hbmBandwidthTBps: spec(14.4, TBPS, 'official', ROADMAP),
        scaleUpBandwidthGBps: spec(4000, GBPS, 'official', ROADMAP),
      },
      availableFrom: available(
        '2028-Q4',
        'official',
        ['HW-HC25', 'UDN-HC25'],
        'Huawei Connect 2025 roadmap.',
      ),
      notes:
        'Huawei said the 970 specs are still under discussion. HBM capacity is left blank: some recaps give 288 GB, Huawei gave none.',
    }),
  ],
};
