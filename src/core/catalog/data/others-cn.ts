/**
 * Other PRC vendors: Hygon (DCU), Kunlunxin (XPU), MetaX (GPU), Moore Threads (GPU). Public specs are
 * thin; blanks are on purpose where no credible figure exists (Kunlunxin P800 has no datasheet).
 */
import type { CatalogFile } from '../schema';
import { alt, domesticExport, GB, GBPS, spec, TBPS, TFLOPS, TOPS, WATT } from './helpers';
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
      },
      notes: 'No public datasheet found; gfx9-lineage DCU programmed through DTK (HIP/ROCm-compatible).',
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
        'No official datasheet exists; FLOP/s and memory left blank on purpose. Baidu runs a 30,000-card P800 cluster and trained Qianfan-VL on >5,000 chips at >90% scaling efficiency.',
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
      notes: 'No FP8. MetaX claims A100 parity; >25,000 sold by 2024.',
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
    },
  ],
};
