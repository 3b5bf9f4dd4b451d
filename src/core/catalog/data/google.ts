/**
 * Google TPUs: sold only as Google Cloud capacity, listed for comparison. The scale-up domain is the
 * ICI-connected pod, so each pod is a system here.
 */
import type { CatalogFile, Chip, Spec, System } from '../schema';
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
  WATT,
} from './helpers';
import { src } from './sources';

const XLA = {
  softwareStack: ['XLA'] as Chip['softwareStack'],
  softwareSources: src('TPU-V5P-DOC', 'GCP-TPU-V5E'),
};
const CLOUD_ONLY = exportControl(
  'not-applicable',
  '2026-01-28',
  ['TPU-V5P-DOC'],
  'Not sold as hardware: Google Cloud capacity only (listed for comparison).',
);
/** TPUs are rented per chip-hour, never sold: a purchase price does not exist. */
const NOT_SOLD = absent('priceUsd' as const, 'not sold as hardware; Google Cloud capacity only', [
  'TPU-V5P-DOC',
]);

/** A TPU pod: the ICI-connected scale-up domain of one chip generation, rented as capacity. */
const pod = (
  chipId: string,
  name: string,
  p: { readonly chips: Spec; readonly ici: Spec; readonly dcn: Spec },
): System => ({
  id: `${chipId}-pod`,
  vendor: 'Google',
  name,
  status: 'shipping',
  notApplicable: [NOT_SOLD],
  chipId,
  specs: {
    chipsPerSystem: p.chips,
    scaleUpDomainSize: p.chips,
    scaleUpBandwidthGBps: p.ici,
    scaleOutBandwidthGbps: p.dcn,
  },
});

/** No data-center-network figure for this generation: the v5e's per-chip share, flagged as such. */
const dcnAsV5e = (generation: string): Spec =>
  spec(25, GBITPS, 'rumour', ['GCP-TPU-V5E'], {
    note: `No ${generation} data-center-network figure found; v5e hosts give 25 Gb/s per chip. Rarely matters inside a pod.`,
  });

const tpu = (
  chip: Omit<
    Chip,
    | 'vendor'
    | 'vendorCountry'
    | 'domestic'
    | 'softwareStack'
    | 'softwareSources'
    | 'family'
    | 'exportControl'
    | 'status'
  >,
): Chip => ({
  vendor: 'Google',
  vendorCountry: 'US',
  domestic: false,
  status: 'shipping',
  family: 'google-tpu',
  exportControl: CLOUD_ONLY,
  notApplicable: [NOT_SOLD],
  ...XLA,
  ...chip,
});

export const GOOGLE: CatalogFile = {
  chips: [
    tpu({
      id: 'google-tpu-v4',
      name: 'TPU v4',
      defaultSystem: 'google-tpu-v4-pod',
      specs: {
        bf16DenseTflops: spec(275, TFLOPS, 'official', ['GCP-TPU-V4']),
        int8DenseTops: spec(275, TOPS, 'official', ['GCP-TPU-V4']),
        hbmCapacityGB: spec(32, GB, 'official', ['GCP-TPU-V4'], {
          note: "32 GiB (GCP); catalog capacities are the vendors' binary gigabytes (H100 80, v5p 95). Was 34.36 (32 GiB in decimal GB) until 2026-12-07.",
        }),
        hbmBandwidthTBps: spec(1.2, TBPS, 'official', ['GCP-TPU-V4']),
        scaleUpBandwidthGBps: spec(600, GBPS, 'analysis', ['TPU-V4-PAPER'], {
          note: '6 ICI links x 50 GB/s per direction, both directions added (recalled from the paper, not re-verified).',
        }),
        tdpW: spec(192, WATT, 'official', ['GCP-TPU-V4'], { note: 'Measured maximum (mean 170 W).' }),
      },
    }),
    tpu({
      id: 'google-tpu-v5e',
      name: 'TPU v5e',
      defaultSystem: 'google-tpu-v5e-pod',
      specs: {
        bf16DenseTflops: spec(197, TFLOPS, 'official', ['GCP-TPU-V5E']),
        int8DenseTops: spec(393, TOPS, 'official', ['GCP-TPU-V5E']),
        hbmCapacityGB: spec(16, GB, 'official', ['GCP-TPU-V5E']),
        hbmBandwidthTBps: spec(0.819, TBPS, 'official', ['GCP-TPU-V5E'], {
          alternatives: [alt(0.859, 'official', ['GCP-TPU-V5E'], 'Another revision of the page: 800 GiBps.')],
        }),
        scaleUpBandwidthGBps: spec(400, GBPS, 'official', ['GCP-TPU-V5E'], {
          note: 'ICI, bidirectional, per chip.',
        }),
        scaleOutBandwidthGbps: spec(25, GBITPS, 'derived', ['GCP-TPU-V5E', 'derived'], {
          note: '2 x 100 Gbps NICs per 8-chip host.',
        }),
      },
    }),
    tpu({
      id: 'google-tpu-v5p',
      name: 'TPU v5p',
      defaultSystem: 'google-tpu-v5p-pod',
      specs: {
        bf16DenseTflops: spec(459, TFLOPS, 'official', ['TPU-V5P-DOC', 'EPOCH']),
        fp8DenseTflops: spec(459, TFLOPS, 'official', ['TPU-V5P-DOC']),
        int8DenseTops: spec(918, TOPS, 'official', ['TPU-V5P-DOC', 'EPOCH']),
        hbmCapacityGB: spec(95, GB, 'official', ['TPU-V5P-DOC', 'EPOCH']),
        hbmBandwidthTBps: spec(2.765, TBPS, 'official', ['TPU-V5P-DOC', 'EPOCH']),
        scaleUpBandwidthGBps: spec(1200, GBPS, 'official', ['TPU-V5P-DOC']),
        scaleOutBandwidthGbps: spec(50, GBITPS, 'official', ['TPU-V5P-DOC'], {
          note: 'Data-center network per chip.',
        }),
      },
    }),
    tpu({
      id: 'google-tpu-v6e',
      name: 'TPU v6e (Trillium)',
      defaultSystem: 'google-tpu-v6e-pod',
      specs: {
        bf16DenseTflops: spec(918, TFLOPS, 'official', ['TPU-V6E-DOC']),
        int8DenseTops: spec(1836, TOPS, 'official', ['TPU-V6E-DOC']),
        hbmCapacityGB: spec(32, GB, 'official', ['TPU-V6E-DOC']),
        hbmBandwidthTBps: spec(1.638, TBPS, 'official', ['TPU-V6E-DOC']),
        scaleUpBandwidthGBps: spec(800, GBPS, 'official', ['TPU-V6E-DOC'], {
          note: 'ICI per chip, both directions added (as the v4, v5e and v5p figures).',
          alternatives: [
            alt(448, 'analysis', ['EPOCH'], "Epoch's figure (the reference table's alt value)."),
          ],
        }),
      },
    }),
  ],
  systems: [
    pod('google-tpu-v4', 'TPU v4 pod (4,096 chips, 3D torus)', {
      chips: spec(4096, COUNT, 'official', ['GCP-TPU-V4']),
      ici: spec(600, GBPS, 'analysis', ['TPU-V4-PAPER']),
      dcn: dcnAsV5e('v4'),
    }),
    pod('google-tpu-v5e', 'TPU v5e pod (256 chips, 2D torus)', {
      chips: spec(256, COUNT, 'official', ['GCP-TPU-V5E']),
      ici: spec(400, GBPS, 'official', ['GCP-TPU-V5E']),
      dcn: spec(25, GBITPS, 'derived', ['GCP-TPU-V5E', 'derived'], { note: '6.4 Tbps per pod / 256 chips.' }),
    }),
    pod('google-tpu-v6e', 'TPU v6e pod (256 chips, 2D torus)', {
      chips: spec(256, COUNT, 'official', ['TPU-V6E-DOC']),
      ici: spec(800, GBPS, 'official', ['TPU-V6E-DOC']),
      dcn: dcnAsV5e('v6e'),
    }),
    pod('google-tpu-v5p', 'TPU v5p pod (8,960 chips, 3D torus)', {
      chips: spec(8960, COUNT, 'official', ['TPU-V5P-DOC']),
      ici: spec(1200, GBPS, 'official', ['TPU-V5P-DOC']),
      dcn: spec(50, GBITPS, 'official', ['TPU-V5P-DOC']),
    }),
  ],
};
