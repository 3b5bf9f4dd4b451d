/**
 * Other PRC vendors: Hygon (DCU), Kunlunxin (XPU), MetaX (GPU), Moore Threads (GPU). Public specs are
 * thin; blanks are on purpose where no credible figure exists (Kunlunxin P800 has no datasheet).
 */
import type { CatalogFile } from '../schema';
import { absent, alt, available, domesticExport, GB, GBPS, spec, TBPS, TFLOPS, TOPS, WATT } from './helpers';
import { src } from './sources';

const CUT_OFF = '2026-01-28';
const entityListed = (vendor: string, since: string) =>
  domesticExport(
    CUT_OFF,
    ['ENTITY-M'],
    `PRC-designed: US licensing does not govern sale inside China. ${vendor} has been on the US Entity List since ${since}.`,
  );
const NOT_LISTED = domesticExport(
  CUT_OFF,
  ['BIS-JAN26'],
  'PRC-designed: US licensing does not govern sale inside China.',
);

export const OTHERS_CN: CatalogFile = {
  chips: [
    {
      id: 'hygon-k100',
      vendor: 'Hygon',
      name: 'DCU K100 / K100_AI (Shensuan-2)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'shipping',
      family: 'hygon-dcu',
      softwareStack: ['DTK'],
      softwareSources: src('PADDLE-DCU', 'CNBLOGS-K100'),
      exportControl: entityListed('Hygon', 'Jun 2019'),
      specs: {
        bf16DenseTflops: spec(192, TFLOPS, 'rumour', ['EVOK-K100'], {
          note: 'Community estimate (EvoKernel, LLM-assisted) for a 96 GB part, which conflicts with the 64 GB seen in deployments.',
        }),
        hbmCapacityGB: spec(64, GB, 'analysis', ['CNBLOGS-K100', 'GH-K500'], {
          alternatives: [alt(96, 'rumour', ['EVOK-K100'])],
          note: 'Only the 64 GB size is evidenced (user deployment logs).',
        }),
        tdpW: spec(600, WATT, 'rumour', ['EVOK-K100'], {
          note: 'Community estimate (EvoKernel, LLM-assisted) for the 96 GB part; no vendor figure.',
        }),
      },
      notes:
        'No public datasheet or price found; gfx9-lineage DCU programmed through DTK (HIP/ROCm-compatible).',
    },
    {
      id: 'kunlunxin-p800',
      vendor: 'Kunlunxin (Baidu)',
      name: 'Kunlun P800 (3rd-gen XPU-P)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'shipping',
      family: 'kunlunxin-xpu',
      softwareStack: ['XPU'],
      softwareSources: src('PADDLE-P800'),
      exportControl: NOT_LISTED,
      specs: {},
      notes:
        'No official datasheet exists; FLOP/s and memory left blank on purpose. Baidu runs a 30,000-card P800 cluster and trained Qianfan-VL on >5,000 chips at >90% scaling efficiency. The Tianchi 256 (H1 2026) and 512 (H2 2026) P800 supernodes are not system entries: no link figures are published.',
    },
    {
      id: 'kunlunxin-m100',
      vendor: 'Kunlunxin (Baidu)',
      name: 'Kunlun M100 (inference; roadmap)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'announced',
      family: 'kunlunxin-xpu',
      softwareStack: ['XPU'],
      softwareSources: src('KLX-ROADMAP', 'PADDLE-P800'),
      exportControl: NOT_LISTED,
      specs: {},
      availableFrom: available('2026-H1', 'official', ['KLX-ROADMAP'], 'Baidu World 2025: "early 2026".'),
      notes: 'Optimised for large-scale (MoE) inference. No spec published.',
    },
    {
      id: 'kunlunxin-m300',
      vendor: 'Kunlunxin (Baidu)',
      name: 'Kunlun M300 (training and inference; roadmap)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'announced',
      family: 'kunlunxin-xpu',
      softwareStack: ['XPU'],
      softwareSources: src('KLX-ROADMAP', 'PADDLE-P800'),
      exportControl: NOT_LISTED,
      specs: {},
      availableFrom: available('2027-H1', 'official', ['KLX-ROADMAP'], 'Baidu World 2025: "early 2027".'),
      notes: 'For ultra-large multimodal training and inference. No spec published.',
    },
    {
      id: 'metax-c500',
      vendor: 'MetaX',
      name: 'Xiyun C500 (OAM)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'shipping',
      family: 'metax-gpu',
      softwareStack: ['MACA'],
      softwareSources: src('METAX-GITEE'),
      exportControl: NOT_LISTED,
      specs: {
        fp32DenseTflops: spec(36, TFLOPS, 'official', ['METAX-GITEE'], {
          note: 'Matrix; 18 on the vector units.',
        }),
        tf32DenseTflops: spec(140, TFLOPS, 'official', ['METAX-GITEE']),
        bf16DenseTflops: spec(280, TFLOPS, 'official', ['METAX-GITEE', 'EPOCH']),
        fp16DenseTflops: spec(280, TFLOPS, 'official', ['METAX-GITEE', 'EPOCH']),
        int8DenseTops: spec(560, TOPS, 'official', ['METAX-GITEE', 'EPOCH']),
        hbmCapacityGB: spec(64, GB, 'official', ['METAX-GITEE', 'EPOCH']),
        hbmBandwidthTBps: spec(1.8, TBPS, 'analysis', ['EPOCH'], {
          alternatives: [alt(18, 'analysis', ['EPOCH'], 'As printed by Epoch: an evident x10 typo.')],
        }),
        tdpW: spec(450, WATT, 'analysis', ['EPOCH'], { note: 'OAM; the PCIe variant is 350 W.' }),
      },
      notApplicable: [absent('fp8DenseTflops', 'no FP8 on the C500', ['METAX-GITEE'])],
      notes:
        'MetaX claims A100 parity; >25,000 sold by 2024. No unit price found (the prospectus gives revenue, not prices).',
    },
    {
      id: 'metax-c600',
      vendor: 'MetaX',
      name: 'Xiyun C600 (roadmap: FP8, 144 GB HBM3e)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'announced',
      family: 'metax-gpu',
      softwareStack: ['MACA'],
      softwareSources: src('METAX-C600'),
      exportControl: NOT_LISTED,
      specs: {
        hbmCapacityGB: spec(144, GB, 'official', ['METAX-C600'], { note: 'HBM3e; vendor figure via press.' }),
      },
      availableFrom: available(
        '2025-Q4',
        'official',
        ['METAX-C600'],
        'Launched Jul 2025 with mass production targeted by the end of 2025 (a target, not a delivery date).',
      ),
      notes: 'FP8 supported; FLOP/s not disclosed. "Fully domestic supply chain" per MetaX.',
    },
    {
      id: 'moorethreads-s4000',
      vendor: 'Moore Threads',
      name: 'MTT S4000',
      vendorCountry: 'CN',
      domestic: true,
      status: 'shipping',
      family: 'moorethreads-gpu',
      softwareStack: ['MUSA'],
      softwareSources: src('MT-S4000'),
      exportControl: entityListed('Moore Threads', 'Oct 2023'),
      specs: {
        fp32DenseTflops: spec(25, TFLOPS, 'official', ['MT-S4000', 'EPOCH']),
        tf32DenseTflops: spec(50, TFLOPS, 'official', ['MT-S4000', 'EPOCH']),
        bf16DenseTflops: spec(100, TFLOPS, 'official', ['MT-S4000', 'EPOCH']),
        fp16DenseTflops: spec(100, TFLOPS, 'official', ['MT-S4000', 'EPOCH']),
        int8DenseTops: spec(200, TOPS, 'official', ['MT-S4000', 'EPOCH']),
        hbmCapacityGB: spec(48, GB, 'official', ['MT-S4000'], { note: 'GDDR6, not HBM.' }),
        hbmBandwidthTBps: spec(0.768, TBPS, 'official', ['MT-S4000']),
        scaleUpBandwidthGBps: spec(240, GBPS, 'official', ['MT-S4000'], {
          alternatives: [alt(768, 'rumour', ['MT-LINK-768'], 'Likely confused with the memory bandwidth.')],
          note: 'MTLink 1.0.',
        }),
        tdpW: spec(450, WATT, 'analysis', ['EPOCH']),
      },
      notes: 'No unit price found (Moore Threads discloses revenue, not prices).',
    },
    {
      id: 'moorethreads-huashan',
      vendor: 'Moore Threads',
      name: 'Huashan (Huagang architecture; roadmap)',
      vendorCountry: 'CN',
      domestic: true,
      status: 'announced',
      family: 'moorethreads-gpu',
      softwareStack: ['MUSA'],
      softwareSources: src('MT-MDC25'),
      exportControl: entityListed('Moore Threads', 'Oct 2023'),
      specs: {},
      availableFrom: available(
        '2026',
        'official',
        ['MT-MDC25'],
        'MUSA Developer Conference, Dec 2025: mass production in 2026.',
      ),
      notes:
        'Vendor claims Hopper-class FLOP/s, memory bandwidth and capacity, FP4 to FP64, and a 256-card MTT C256 supernode; no numbers published.',
    },
  ],
};
