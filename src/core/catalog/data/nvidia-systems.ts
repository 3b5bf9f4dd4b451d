/**
 * NVIDIA systems: DGX/HGX 8-GPU servers and the GB200 NVL72 rack. Per-chip scale-up figures repeat
 * the chip's NVLink generation; power is the vendor's maximum system power where published.
 */
import type { System, SystemSpecs } from '../schema';
import { alt, COUNT, GB, GBITPS, GBPS, KW, spec, TBPS, TFLOPS, US, USD, usdFromCny } from './helpers';
import type { SourceKey } from './sources';

////////////////////   SYSTEMS   ////////////////////

// NVLink/NVSwitch and InfiniBand latencies: NCCL's own tuning-model constants, the only public
// per-hop figures; they are model inputs, not measured end-to-end collective latencies.
const NVLINK_LATENCY = spec(0.5, US, 'analysis', ['NCCL-TUNING'], {
  note: 'NCCL tuning model, NVLink low-latency protocol per step; not a measured collective latency.',
});
const IB_LATENCY = spec(5, US, 'analysis', ['NCCL-TUNING'], {
  note: 'NCCL tuning model, network tree low-latency protocol; a typical one-hop RDMA figure.',
});

function hgx(
  id: string,
  name: string,
  chipId: string,
  scaleUp: SystemSpecs['scaleUpBandwidthGBps'],
  scaleOutGbps: number,
  scaleOutKeys: ReadonlyArray<SourceKey>,
  extra: Partial<SystemSpecs> = {},
  notes?: string,
): System {
  const system: System = {
    id,
    vendor: 'NVIDIA',
    name,
    status: 'shipping',
    chipId,
    specs: {
      chipsPerSystem: spec(8, COUNT, 'official', ['EPOCH']),
      scaleUpDomainSize: spec(8, COUNT, 'official', ['EPOCH']),
      scaleUpBandwidthGBps: scaleUp,
      scaleUpLatencyUs: NVLINK_LATENCY,
      scaleOutBandwidthGbps: spec(scaleOutGbps, GBITPS, 'official', scaleOutKeys),
      scaleOutLatencyUs: IB_LATENCY,
      ...extra,
    },
  };
  return notes === undefined ? system : { ...system, notes };
}

export const NVIDIA_SYSTEMS: System[] = [
  hgx(
    'nvidia-dgx-a100',
    'DGX A100 (8 x A100 80GB)',
    'nvidia-a100-sxm4-80gb',
    spec(600, GBPS, 'official', ['EPOCH']),
    200,
    ['NV-DGXA100-DS'],
    {
      powerKW: spec(6.5, KW, 'official', ['NV-DGXA100-DS']),
      priceUsd: spec(199_000, USD, 'analysis', ['DGX-A100-PRICE'], { note: 'Launch list price (2020).' }),
    },
  ),
  hgx(
    'nvidia-hgx-a800',
    'HGX A800 8-GPU server',
    'nvidia-a800-sxm4-80gb',
    spec(400, GBPS, 'official', ['EPOCH', 'THEAD-PPU']),
    200,
    ['EPOCH'],
    {
      powerKW: spec(6.5, KW, 'derived', ['NV-DGXA100-DS', 'derived'], {
        note: 'Assumed equal to DGX A100: same 400 W SXM4 GPUs in the same 8-GPU baseboard design.',
      }),
    },
  ),
  hgx(
    'nvidia-dgx-h100',
    'DGX H100 (8 x H100 80GB)',
    'nvidia-h100-sxm5-80gb',
    spec(900, GBPS, 'official', ['NV-H100-DS']),
    400,
    ['NV-DGXH100-UG'],
    {
      powerKW: spec(10.2, KW, 'official', ['NV-DGXH100-UG']),
      priceUsd: spec(269_000, USD, 'analysis', ['PRICE-H100'], {
        alternatives: [alt(199_000, 'rumour', ['DGX-H100-COST'], 'Quoted base list price.')],
      }),
    },
  ),
  hgx(
    'nvidia-hgx-h800',
    'HGX H800 8-GPU server',
    'nvidia-h800-sxm5-80gb',
    spec(400, GBPS, 'analysis', ['NV-H800-M']),
    400,
    ['EPOCH'],
    {
      powerKW: spec(10.2, KW, 'derived', ['NV-DGXH100-UG', 'derived'], {
        note: 'Assumed equal to DGX H100: same 700 W SXM5 GPUs and chassis class.',
      }),
    },
  ),
  hgx(
    'nvidia-hgx-h20',
    'HGX H20 8-GPU server',
    'nvidia-h20',
    spec(900, GBPS, 'analysis', ['THEAD-PPU', 'NV-M']),
    400,
    ['EPOCH'],
    {
      priceUsd: spec(usdFromCny(1_200_000), USD, 'rumour', ['HUXIU-H20'], {
        note: 'RMB 1.2 million per eight-card server, one dealer quote (Jul 2024). The 8-GPU module alone sold for RMB 0.88-1.05 million (Tencent Technology).',
      }),
    },
    'Server power not found (8 x 400 W GPUs).',
  ),
  hgx(
    'nvidia-hgx-h200',
    'HGX H200 8-GPU server',
    'nvidia-h200-sxm-141gb',
    spec(900, GBPS, 'official', ['NV-H200-DS']),
    400,
    ['EPOCH'],
    {
      powerKW: spec(10.2, KW, 'analysis', ['NV-DGXH100-UG'], {
        note: 'DGX H200 shares the DGX H100 power envelope.',
      }),
      priceUsd: spec(usdFromCny(1_500_000), USD, 'rumour', ['CN-H200-QUOTE'], {
        alternatives: [
          alt(
            usdFromCny(1_400_000),
            'rumour',
            ['TENCENT-H200'],
            'RMB 1.4 million, the 8-GPU module to channels.',
          ),
        ],
        note: 'RMB 1.5 million per 8-GPU machine in China (Jan 2026 trade press); may be the module without host.',
      }),
    },
  ),
  hgx(
    'nvidia-dgx-b200',
    'DGX B200 (8 x B200, 1,440 GB)',
    'nvidia-b200',
    spec(1800, GBPS, 'official', ['NV-DGXB200-UG', 'EPOCH']),
    400,
    ['NV-DGXB200-UG'],
    {
      powerKW: spec(14.3, KW, 'official', ['NV-DGXB200-UG']),
      priceUsd: spec(515_000, USD, 'rumour', ['DGX-B200-PRICE'], { note: 'Secondary blog figure.' }),
    },
  ),
  {
    id: 'nvidia-gb200-nvl72',
    vendor: 'NVIDIA',
    name: 'GB200 NVL72 (72 x B200 + 36 Grace, one rack)',
    status: 'shipping',
    chipId: 'nvidia-gb200',
    specs: {
      chipsPerSystem: spec(72, COUNT, 'official', ['SA-CM384', 'EPOCH']),
      scaleUpDomainSize: spec(72, COUNT, 'official', ['SA-CM384', 'EPOCH']),
      scaleUpBandwidthGBps: spec(1800, GBPS, 'official', ['EPOCH'], {
        note: 'NVLink 5 through NVSwitch trays; 72 x 1.8 TB/s = 130 TB/s total.',
      }),
      scaleUpLatencyUs: NVLINK_LATENCY,
      scaleOutBandwidthGbps: spec(400, GBITPS, 'analysis', ['SA-CM384'], {
        note: '28.8 Tb/s per rack / 72.',
      }),
      scaleOutLatencyUs: IB_LATENCY,
      powerKW: spec(145, KW, 'analysis', ['SA-CM384', 'TH-CM384'], {
        alternatives: [
          alt(132, 'analysis', ['NV-M'], 'NVIDIA/OEM rack figures of ~120-132 kW, not re-verified.'),
        ],
        note: 'SemiAnalysis figure including networking and optics.',
      }),
      priceUsd: spec(3_100_000, USD, 'rumour', ['PRICE-GB200']),
      racksPerSystem: spec(1, COUNT, 'official', ['NV-M', 'SA-CM384'], {
        note: 'One rack: 18 compute trays, 9 NVLink switch trays, copper spine.',
      }),
      totalBf16DenseTflops: spec(180_000, TFLOPS, 'analysis', ['SA-CM384', 'TH-CM384'], {
        note: '72 x 2,500 TFLOP/s.',
      }),
      totalHbmCapacityGB: spec(13_800, GB, 'analysis', ['SA-CM384', 'TH-CM384'], {
        alternatives: [
          alt(13_400, 'analysis', ['NV-M'], 'NVIDIA product page (72 x 186 GB), not re-verified.'),
        ],
      }),
      totalHbmBandwidthTBps: spec(576, TBPS, 'analysis', ['TH-CM384', 'SA-CM384'], { note: '72 x 8 TB/s.' }),
    },
  },
];
