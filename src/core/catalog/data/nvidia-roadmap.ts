/**
 * NVIDIA Rubin, for context: the generation Huawei compares the Atlas 950 SuperPoD with (Vera Rubin
 * NVL144, 1.2 EF FP8). Excluded from the Dec-2025 China decision with Blackwell. Per-package figures
 * are the rack totals NVIDIA announced at GTC 2025 divided by the 72 packages (144 dies): our
 * arithmetic, marked `derived`. NVIDIA quotes both directions added for NVLink and the NICs, so the
 * per-direction scale-out is half the rack figure.
 */
import type { CatalogFile } from '../schema';
import { available, COUNT, exportControl, GB, GBITPS, GBPS, spec, TBPS, TFLOPS } from './helpers';
import { src } from './sources';

const GTC = ['GTC25-RUBIN'] as const;
const PACKAGES = 72;

export const NVIDIA_ROADMAP: CatalogFile = {
  chips: [
    {
      id: 'nvidia-rubin',
      vendor: 'NVIDIA',
      name: 'Rubin GPU (one package = 2 dies, 288 GB HBM4; roadmap)',
      vendorCountry: 'US',
      domestic: false,
      status: 'announced',
      family: 'nvidia-rubin',
      softwareStack: ['CUDA'],
      softwareSources: src('GTC25-RUBIN'),
      exportControl: exportControl(
        'prohibited',
        '2026-01-15',
        ['H200-TRUMP', 'BIS-JAN26'],
        'Licence required with a presumption of denial; Rubin was excluded from the Dec-2025 H200 decision.',
      ),
      defaultSystem: 'nvidia-vera-rubin-nvl144',
      specs: {
        fp8DenseTflops: spec(Math.round(1_200_000 / PACKAGES), TFLOPS, 'derived', [...GTC, 'derived'], {
          note: '1.2 EF FP8 (training) per NVL144 rack / 72 packages. Dense by NVIDIA usage: it is 3.3x the GB300 NVL72 dense FP8.',
        }),
        fp4DenseTflops: spec(50_000, TFLOPS, 'official', GTC, {
          note: 'NVFP4 "inference" figure per package (3.6 EF / 72); NVIDIA does not say whether it is dense.',
        }),
        hbmCapacityGB: spec(288, GB, 'official', ['RUBIN-NVL144'], { note: 'HBM4, 8 stacks.' }),
        hbmBandwidthTBps: spec(13, TBPS, 'official', GTC),
        scaleUpBandwidthGBps: spec(3600, GBPS, 'derived', [...GTC, 'derived'], {
          note: 'NVLink 6: 260 TB/s per rack / 72 packages, both directions added.',
        }),
        scaleOutBandwidthGbps: spec(1600, GBITPS, 'derived', [...GTC, 'derived'], {
          note: 'CX9: 28.8 TB/s per rack, both directions added, / 2 / 72 x 8 = 1,600 Gb/s per package, one direction (one 1.6T NIC).',
        }),
        diesPerPackage: spec(2, COUNT, 'official', ['RUBIN-NVL144']),
      },
      availableFrom: available(
        '2026-H2',
        'official',
        GTC,
        'GTC 2025: Vera Rubin NVL144 in the second half of 2026.',
      ),
      notes: 'Listed for context; no BF16, TDP or price published at the research cut-off.',
    },
  ],
  systems: [
    {
      id: 'nvidia-vera-rubin-nvl144',
      vendor: 'NVIDIA',
      name: 'Vera Rubin NVL144 (72 Rubin packages = 144 dies + 36 Vera CPUs, one rack; roadmap)',
      status: 'announced',
      chipId: 'nvidia-rubin',
      specs: {
        chipsPerSystem: spec(PACKAGES, COUNT, 'official', ['RUBIN-NVL144'], {
          note: '"144" counts GPU dies; the catalog counts packages.',
        }),
        scaleUpDomainSize: spec(PACKAGES, COUNT, 'official', ['RUBIN-NVL144']),
        scaleUpBandwidthGBps: spec(3600, GBPS, 'derived', [...GTC, 'derived'], {
          note: '260 TB/s NVLink 6 per rack / 72, both directions added.',
        }),
        scaleOutBandwidthGbps: spec(1600, GBITPS, 'derived', [...GTC, 'derived'], {
          note: '28.8 TB/s CX9 per rack (both directions) / 2 / 72, in Gb/s.',
        }),
        totalHbmCapacityGB: spec(PACKAGES * 288, GB, 'derived', ['RUBIN-NVL144', 'derived'], {
          note: '72 x 288 GB (HyperAI prints it as "20,736 TB").',
        }),
      },
      availableFrom: available('2026-H2', 'official', GTC),
      notes: 'Rack power and price not published at the research cut-off.',
    },
  ],
};
