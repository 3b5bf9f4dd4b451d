/**
 * Every source the built-in catalog cites, keyed by the short codes of
 * shared/reference/accelerators.md (title + first URL of that table), plus the sources added while
 * checking the catalog (keys after the banner). Titles marked "[recalled, not re-verified]" are the
 * reference's [M] rows: figures from background knowledge that nobody re-read at the source.
 */
import type { Source } from '../schema';

const REFERENCE = {
  'AIWIKI-H200': {
    title: 'AI Wiki, NVIDIA H200 (141 GB HBM3e, 4.8 TB/s)',
    url: 'https://aiwiki.ai/wiki/nvidia_h200',
  },
  'AMD-M': {
    title:
      'AMD MI300X/MI325X datasheets: 256 MB Infinity Cache, 7 x 128 GB/s Infinity Fabric links, 400G scale-out NIC per GPU typical [recalled, not re-verified]',
    url: 'https://www.amd.com/en/products/accelerators/instinct.html',
  },
  'AMD-MI300X-DS': {
    title: 'AMD Instinct MI300X data sheet (link as recorded by Epoch)',
    url: 'https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/data-sheets/amd-instinct-mi300x-data-sheet.pdf',
  },
  'AMD-MI325X': {
    title: 'AMD Instinct MI325X product page (link as recorded by Epoch)',
    url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html',
  },
  'HUME-MI355X': {
    title:
      "Hume Consulting, 'AMD MI355X: Strong Node-Level Inference, but Not Yet Rack-Scale': Infinity Fabric/xGMI ~153 GB/s of bidirectional bandwidth per link (third-party analysis)",
    url: 'https://humeconsulting.co/amd-mi355x-strong-node-level-inference-but-not-yet-rack-scale',
  },
  'AMD-MI355X-BR': {
    title: 'AMD Instinct MI355X brochure (link as recorded by Epoch)',
    url: 'https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/product-briefs/amd-instinct-mi355x-gpu-brochure.pdf',
  },
  ASC920: {
    title: "Notebookcheck, 'Huawei Ascend 920 Nvidia H20 replacement rumoured'",
    url: 'http://www.notebookcheck.net/Huawei-Ascend-920-Nvidia-H20-replacement-rumoured-to-launch-later-this-year.1001475.0.html',
  },
  'ASC950-IMG': {
    title:
      "5iter, 'Physical image of Ascend 950 exposed' (950PR 128GB/1.6TB/s, 950DT 144GB/~4TB/s; SMIC N+3 speculation)",
    url: 'https://en.5iter.com/keji/65837.html',
  },
  'ASC950-PRDT': {
    title: "Architects' Tech Alliance (besthub), 'Why Huawei's Ascend 950 PR and DT have different names'",
    url: 'https://www.besthub.dev/articles/why-huawei-s-ascend-950-pr-and-dt-have-different-names-the-technical-rationale-d1c4387cc991',
  },
  'ASC950-WP': {
    title:
      "CANN GitCode issues citing 'Ascend 950 NPU Architecture White Paper' Table 3-1 and CANN platform_config INI (950PR Server/PCIe tiers; 910B2 cube/vector split)",
    url: 'https://gitcode.com/cann/ops-transformer/issues/5487',
  },
  ATLAS350: {
    title:
      "Intelligent Living, 'Huawei Ascend 950PR Atlas 350' (1.56 PF FP4, 112 GB, 2 TB/s-class interconnect, 600 W)",
    url: 'https://www.intelligentliving.co/huawei-ascend-950pr-atlas-350-fp4-ai/',
  },
  'ATLAS950-NBC': {
    title:
      "Notebookcheck, 'Huawei Atlas 950 SuperCluster revealed with 524 ExaFLOPS' (8,192 x 950DT per SuperPoD, 160 cabinets, ~1,000 m^2)",
    url: 'https://www.notebookcheck.info/Huawei-Atlas-950-SuperCluster-revelado-com-desempenho-de-IA-de-524-ExaFLOPS.1119061.0.html',
  },
  'AWESOME-590': {
    title: "awesomeagents.ai 'Cambricon MLU590' page (unsourced, likely AI-generated)",
    url: 'https://awesomeagents.ai/hardware/cambricon-mlu590',
  },
  'B30A-BLOCK': {
    title:
      'The Information via newspage360: White House will not permit B30A sales; China requires domestic chips in state-funded DCs (<30% built must remove foreign chips)',
    url: 'https://newspage360.com/?p=63326',
  },
  'B30A-REUTERS': {
    title:
      "Reuters via BNN Bloomberg (19 Aug 2025), 'Nvidia working on new AI chip for China that outperforms the H20' (B30A single-die, ~half B300)",
    url: 'https://www.bnnbloomberg.ca/business/2025/08/19/nvidia-working-on-new-ai-chip-for-china-that-outperforms-the-h20-sources-say/',
  },
  'BIREN-HK': {
    title: 'Biren Hong Kong IPO debut (2 Jan 2026)',
    url: 'https://media365.in/biren-shares-soar-as-investors-seize-on-first-chinese-gpu-start-up-to-list-in-hong-kong',
  },
  'BIREN-TH': {
    title: "Tom's Hardware BR100/BR104 spec table (Aug 2022), syndicated",
    url: 'https://www.newsbreak.com/news/2700032747185/chinese-biren-s-new-gpus-have-77-billion-transistors-2-pflops-of-ai-performance',
  },
  'BIS-ASCEND': {
    title:
      'BIS guidance (13-14 May 2025) that using Ascend 910B/910C/910D anywhere risks violating EAR; summaries',
    url: 'https://webcraftingcode.com/news/us-tightens-export-controls-on-huawei-ai-chips',
  },
  'BIS-JAN26': {
    title:
      'BIS final rule (released 13 Jan, effective 15 Jan 2026): case-by-case review for H200/MI325X-class (TPP<21,000, DRAM BW<6,500 GB/s) to China/Macau; law-firm summaries',
    url: 'https://www.morganlewis.com/pubs/2026/01/bis-revises-export-review-policy-for-advanced-ai-chips-destined-for-china-and-macau',
  },
  'CAC-6000D': {
    title: 'FT-sourced reports: CAC ordered ByteDance/Alibaba to cancel RTX Pro 6000D orders (Sep 2025)',
    url: 'https://biggo.com/news/202509171303_China_Bans_Nvidia_RTX_Pro_6000D_Chip_Purchases',
  },
  'CAC-H20': {
    title: 'CAC summoned NVIDIA and told firms to suspend H20 orders (Aug 2025)',
    url: 'https://particle.news/story/trump-ties-nvidia-and-amds-china-ai-chip-licenses-to-15-revenue-share',
  },
  'CAMB-290': {
    title:
      'Cambricon MLU290-M5 write-ups (INT8 512 TOPS, 32GB HBM2 1.228 TB/s, MLU-Link 600 GB/s, 350 W OAM)',
    url: 'http://t.zoukankan.com/kongchung-p-14746622.html',
  },
  'CAMB-370X8': {
    title:
      'Cambricon MLU370-X8 launch coverage (21 Mar 2022): FP32 24/FP16 96/BF16 96/INT8 256 TOPS, 48GB LPDDR5 614.4 GB/s, MLU-Link 200 GB/s, 250 W',
    url: 'http://guangxilong.com/c/032129635H022.html',
  },
  'CAMB-PLAN': {
    title:
      'TechRadar/Bloomberg via syndication: Cambricon plans ~500k AI chips in 2026 incl. ~300k Siyuan 590/690; ~20% yield',
    url: 'https://pakgazette.com/cambricon-aims-to-triple-its-ai-chip-production-next-year-but-faces-huge-manufacturing-challenges-and-rivals-like-huawei',
  },
  'CANN-INI': {
    title:
      'CANN platform_config Ascend910B2.ini as quoted in public repos (ai_core_cnt=24, vector 48, memory 64 GiB, l2_size 192 MiB); Ascend910_9392 (910C die) ai_core_cnt=24',
    url: 'CANN toolkit: <ASCEND_HOME>/<arch>-linux/data/platform_config/Ascend910B2.ini',
  },
  'CM384-PAPER': {
    title:
      "Zuo et al. (Huawei & SiliconFlow), 'Serving Large Language Models on Huawei CloudMatrix384', arXiv:2506.12708; summary with 752 TFLOPS",
    url: 'https://arxiv.org/abs/2506.12708',
  },
  'CM384-PRICE': {
    title:
      "digitalartspace.ru, 'Atlas 900 A3 SuperPoD... twice as powerful, three times as expensive' (~USD 8M)",
    url: 'https://digitalartspace.ru/news/atlas-900-a3-superpod-huawei-vdvoe-moshhnee-nvidia-no-v-troe-dorozhe-i-s-chetyrjohkratno-bolshim-potrebleniem-jenergii',
  },
  'CN-H200-BLOCK': {
    title: "Reuters-sourced: Chinese customs told agents H200 'not permitted' (14 Jan 2026)",
    url: 'https://news.az/news/china-blocks-nvidia-h200-ai-chips-amid-tech-tensions',
  },
  'CN-H200-OK': {
    title:
      'Reuters-sourced: China approved >400k H200 for ByteDance, Alibaba, Tencent (28 Jan 2026), conditions pending',
    url: 'https://www.geokhub.com/technology/tech-news/china-approves-nvidia-h200-ai-chip-imports-for-bytedance-alibaba-tencent',
  },
  'CNBLOGS-K100': {
    title: "cnblogs, 'Hygon K100 DCU vLLM inference environment' (K100 DCU 64G)",
    url: 'https://www.cnblogs.com/aidoll/p/19664133',
  },
  'CRC-CM384': {
    title: "China Research Collective, 'Huawei Ascend CloudMatrix 384 Supernode: In-Depth Project Analysis'",
    url: 'https://chinaresearchcollective.substack.com/p/huawei-ascend-cloudmatrix-384-supernode',
  },
  'CRUSOE-MLC': {
    title: 'MLCommons Inference v6.1, Crusoe 512x MI355X system description (8 x AMD Pollara 400G per node)',
    url: 'https://raw.githubusercontent.com/mlcommons/inference_results_v6.1/main/closed/Crusoe/systems/512xMI355X_Crusoe_GPT.json',
  },
  CSET: {
    title: "CSET, 'Pushing the Limits: Huawei's AI Chip Tests U.S. Export Controls' (910 vs 910B variants)",
    url: 'https://cset.georgetown.edu/publication/pushing-the-limits-huaweis-ai-chip-tests-u-s-export-controls/',
  },
  'DAOCLOUD-800TA2': {
    title:
      'DaoCloud docs, OceanStor compatibility report - Atlas 800T A2 config (2x Kunpeng 920, 8x 910B 64GB, 4x 2-port 200GE RoCE, 4U)',
    url: 'https://raw.githubusercontent.com/DaoCloud/DaoCloud-docs/main/docs/en/docs/storage/dorado/oceanstor.md',
  },
  'EMERGENT-P800': {
    title: 'emergentmind topic page: Qianfan-VL trained on >5,000 Kunlun P800, >90% scaling efficiency',
    url: 'https://www.emergentmind.com/topics/kunlun-p800-chips',
  },
  'ENFLAME-GITEE': {
    title: 'Gitee AI compute docs - Enflame S60 (GCU, TopsRider, torch_gcu; no FP8)',
    url: 'https://ai.gitee.com/docs/compute/clusters_gpu/ef_gpu',
  },
  'ENFLAME-HC33': {
    title: 'ServeTheHome, Enflame DTU 1.0 at Hot Chips 33',
    url: 'https://servethehome.com/?p=55430',
  },
  'ENTITY-M': {
    title:
      'US Entity List additions: Huawei (May 2019), Hygon/Sugon (Jun 2019), Cambricon (Dec 2022), Biren & Moore Threads (Oct 2023) [recalled, not re-verified]',
    url: 'https://www.bis.gov/entity-list',
  },
  EPOCH: {
    title:
      "Epoch AI, 'Data on Machine Learning Hardware' (ml_hardware.csv; version last-modified 2025-12-10, read from GitHub mirror sr3-k/data@d62de22)",
    url: 'https://epoch.ai/data/machine-learning-hardware',
  },
  EVOK: {
    title:
      "EvoKernel Spec hardware YAMLs (community, LLM-assisted; many fields marked 'estimated' with generic vendor-homepage citations)",
    url: 'https://github.com/ying-wen/evokernel-spec/tree/main/data/hardware',
  },
  FLAGPERF: {
    title:
      'BAAI FlagPerf repo (commit 1b5a0303, Nov 2025): measured GEMM results & vendor READMEs (Atlas 800T A2, BI150, C550, S4000/S5000, Kunlunxin R480-X8)',
    url: 'https://github.com/FlagOpen/FlagPerf',
  },
  'GH-K500': {
    title: 'GitHub issue AlphaMine-Tech/alpha-miner#18 - Hygon K500SM_AI (gfx928) 64 GB, DTK 26.04',
    url: 'https://github.com/AlphaMine-Tech/alpha-miner/issues/18',
  },
  'GITEE-ASC': {
    title: 'Gitee AI (Moark) compute docs - Ascend 910B (64GB HBM2e, HCCS 8-card full mesh, FP16 280 TFLOPS)',
    url: 'https://ai.gitee.com/docs/compute/clusters_gpu/ascend_gpu',
  },
  'GITEE-HYGON': {
    title:
      'Gitee AI compute docs - Hygon BW1000 (FP16 480, FP32 60, FP64 30 TFLOPS; 64GB HBM2e; 1.6 TB/s; ~300 W; no FP8)',
    url: 'https://ai.gitee.com/docs/compute/clusters_gpu/hygon_gpu',
  },
  'GOOG-M': {
    title: 'Google Ironwood announcement: ICI 1.2 TB/s bidirectional per chip [recalled, not re-verified]',
    url: 'https://blog.google/products/google-cloud/ironwood-tpu-age-of-inference/',
  },
  'H20-15PCT': {
    title: 'Coverage of 15% revenue-share licences for H20 and MI308 (Aug 2025)',
    url: 'https://particle.news/story/nvidia-and-amd-agree-to-15-revenue-share-on-china-chip-exports',
  },
  'H200-TRUMP': {
    title:
      'Trump announcement 8 Dec 2025: H200 to approved Chinese customers, 25% to US; Blackwell/Rubin excluded',
    url: 'https://introl.com/blog/trump-nvidia-china-export-control-reversal-december-2025',
  },
  'HC25-SUM': {
    title:
      'Reportify summaries of Huawei Connect 2025 coverage (China Fund News, QbitAI) incl. roadmap table 910C->970',
    url: 'https://reportify.ai/social-media/721274785461778',
  },
  'HCT-P800': {
    title: "Hello China Tech comment thread - 'P800 specs are hard to find... No official datasheet exists'",
    url: 'https://hellochinatech.com/p/china-ai-chip-credential-economy/comments',
  },
  'HEIM-910C': {
    title:
      'Lennart Heim thread on Ascend 910C (via Wccftech-syndicated copy): 800 TFLOPS FP16, 3.2 TB/s, TSMC+SMIC dies',
    url: 'https://checkpoint10.com/huaweis-ascend-910c-the-ai-chip-poised-to-challenge-nvidias-h100s-in-china-detailed-specs-inside',
  },
  'HF-A800': {
    title: 'Hugging Face hardware page A800 (MSRP USD 12k, community data)',
    url: 'https://huggingface.co/hardware/a800',
  },
  'HF-H100': {
    title: 'Hugging Face hardware page H100 (MSRP USD 30k, community data)',
    url: 'https://huggingface.co/hardware/h100',
  },
  'HIASCEND-A3': {
    title:
      'Huawei MindCluster docs - Atlas 900 A3 SuperPoD topology (2 processors per HiAM via SIO, 8 HiAM per node, HCCS-L1/L2, RoCE between logical SuperPoDs)',
    url: 'https://www.hiascend.com/document/detail/en/mindcluster/730/clustersched/schedulingug/dl_affinity_0007.html',
  },
  'HIASCEND-INST': {
    title: 'Huawei CANN install guide listing Atlas 200T A2 Box16 / Atlas 800T A2 / Atlas 900 A2 PoD',
    url: 'https://www.hiascend.com/document/detail/zh/CANNCommunityEdition/80RC2alpha002/softwareinst/instg/instg_0017.html',
  },
  'HIXL-UB': {
    title: 'CANN HIXL docs - Ascend 950PR/950DT use UB inside a supernode and RoCE between supernodes',
    url: 'https://gitcode.com/cann/hixl/blob/master/docs/zh/api/python/brife.md',
  },
  'HW-300T': {
    title:
      'Huawei support doc, Atlas 300T training card (model 9000): 100G ETH port per card for inter-server training',
    url: 'https://support.huawei.com/enterprise/en/doc/EDOC1100164821/e0f5fa7c/atlas-300t-training-card-model-9000',
  },
  'HW-HC25': {
    title:
      "Huawei, Eric Xu keynote 'Groundbreaking SuperPoD Interconnect: Leading a New Paradigm for AI Infrastructure', Huawei Connect 2025 (18 Sep 2025)",
    url: 'https://www.huawei.com/en/news/2025/9/hc-xu-keynote-speech',
  },
  'HW-HC25-M': {
    title:
      'Same keynote - figures recalled, not found in retrieved excerpts (Atlas 960 SuperPoD 4,460 TB memory, 220 cabinets) [recalled, not re-verified]',
    url: 'https://www.huawei.com/en/news/2025/9/hc-xu-keynote-speech',
  },
  'HW-WAIC': {
    title:
      'Observer/ckhq, Huawei Ascend 384 Super Node at WAIC 2025 (300 PF, 269 TB/s, 1,229 TB/s, 12+4 cabinets)',
    url: 'https://en.ckhq.net/html/fd47359f2b8adcee8e2f85f535524976.html',
  },
  'HXNEWS-900': {
    title:
      'hxnews (Sep 2019), Atlas 900 AI training cluster: Ascend 910 32 Da Vinci cores, 256 TFLOPS FP16; HCCS + PCIe 4.0 + 100G Ethernet',
    url: 'http://www.hxnews.com/news/itkj/kjqy/201909/18/1806187_3.shtml',
  },
  'ILU-FLAGPERF': {
    title:
      'FlagPerf training/iluvatar/README.md - Tiangai 100: 147 TFLOPS FP16/BF16, 7nm 2.5D CoWoS, 24B transistors',
    url: 'https://github.com/FlagOpen/FlagPerf/blob/main/training/iluvatar/README.md',
  },
  'ILU-GITEE150': {
    title:
      'Gitee AI compute docs - Iluvatar Tiangai 150 (BI-V150): 64GB HBM2e, 350 W peak, 7nm, PCIe 4.0 x16, warp 64',
    url: 'https://ai.gitee.com/docs/compute/clusters_gpu/iluvatar_BI-V150_gpu',
  },
  'ILU-GITEEMR': {
    title:
      'Gitee AI compute docs - Iluvatar Zhikai 100 (MR-V100): FP32 24/FP16 96 TFLOPS, INT8 192 TOPS, 32GB HBM2e',
    url: 'https://ai.gitee.com/docs/compute/clusters_gpu/iluvatar_MR-V100_gpu',
  },
  'INTEL-G3-WP': {
    title: 'Intel Gaudi 3 AI accelerator white paper (link as recorded by Epoch)',
    url: 'https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html',
  },
  'INTEL-M': {
    title:
      'Intel Gaudi 2/3 launch material: 24 x 100GbE (Gaudi 2) / 24 x 200GbE (Gaudi 3) on-die RoCE, 96 MB SRAM, 1,835 TFLOPS BF16/FP8, USD 125k 8-chip kit; Gaudi 2 China SKU HL-225B [recalled, not re-verified]',
    url: 'https://www.intel.com/content/www/us/en/products/details/processors/ai-accelerators/gaudi.html',
  },
  KADC26: {
    title: "locsic, 'KADC 2026 Ascend supernode architecture' (950 card ~23% of B300 FP8)",
    url: 'https://locsic.com/thinking/kadc2026-ascend-supernode-architecture/',
  },
  'KLX-ROADMAP': {
    title:
      'Reportify summary of Baidu World 2025 (13 Nov 2025): P800 30k-card cluster; M100 early-2026, M300 early-2027; Tianchi 256/512 supernodes 2026',
    url: 'https://reportify.ai/news/1186334856787922944',
  },
  'METAX-C600': {
    title:
      'Press on MetaX C600 (launched Jul 2025; 144GB HBM3e; FP8; fully domestic; mass production by year-end)',
    url: 'https://www.newsbytesapp.com/news/business/ai-chip-start-up-metax-can-now-list-on-star-market/story',
  },
  'METAX-CLUSTER': {
    title:
      'think-gap summary: MetaX Lingang 10k-GPU cluster (C550 or C600), Wuxi C550 10k cluster live, >25,000 C500 sold, 2024 revenue RMB 743M',
    url: 'https://www.think-gap.top/zh/items/aa0c317a-4d10-4a25-ab65-9a2ff5dea281',
  },
  'METAX-GITEE': {
    title:
      'Gitee AI domestic GPU guide - MetaX C500 OAM: FP32 18 (vector)/36 (matrix), TF32 140, FP16/BF16 280 TFLOPS, INT8 560 TOPS; no FP8',
    url: 'https://ai.gitee.com/docs/compute/domestic-gpu',
  },
  MLUOPS: {
    title: 'Cambricon mlu-ops source (MLUOP_MLU590 = 592; isPlatformSupportTf32 true only for MLU590)',
    url: 'https://github.com/Cambricon/mlu-ops',
  },
  'MT-LINK-768': {
    title: 'dvd.gr / overclocking.com on 10,000-card MTT S4000 cluster (claims MTLink 768 GB/s)',
    url: 'https://dvd.gr/a-cluster-of-artificial-intelligence-is-powered-by-a-10000-mtt-s4000/',
  },
  'MT-MDC25': {
    title:
      'Moore Threads MUSA Developer Conference (20-21 Dec 2025): Huagang arch, Huashan/Lushan, MTT C256, S5000 DeepSeek-R1 throughput',
    url: 'https://www.globaltimes.cn/page/202512/1351155.shtml',
  },
  'MT-S4000': {
    title:
      'io-tech (Dec 2023), Moore Threads MTT S4000: FP32 25/TF32 50/FP16-BF16 100 TFLOPS, INT8 200 TOPS, 48GB GDDR6 768 GB/s, MTLink 1.0 240 GB/s, PCIe 5',
    url: 'https://www.io-tech.fi/uutinen/moore-threads-julkaisi-uuden-mtt-s4000-laskentakortin-ja-kuae-intelligent-computing-center-palvelinklusterit/',
  },
  'MT-S5000': {
    title:
      'Moore Threads MTT S5000 disclosures (80 GB, 1.6 TB/s, 784 GB/s inter-card, 1000 TFLOPS single card)',
    url: 'https://www.ldeepai.com/tech-hub/moore-threads-mtt-s5000-1000-tflops-fp8-gpu/',
  },
  'MWC26-950': {
    title: 'ainews247 summary: Atlas 950 / TaiShan 950 SuperPoD launch at MWC 2026',
    url: 'https://ainews247.org/story/165916',
  },
  'NV-8K-H20': {
    title: 'NVIDIA 8-K / coverage: H20 licence requirement (Apr 2025), ~USD 5.5B charge',
    url: 'https://hitechexpert.top/us-imposes-export-restrictions-on-nvidias-h20-ai-chips/',
  },
  'NV-B200-DS': {
    title: 'NVIDIA Blackwell B200 datasheet (link as recorded by Epoch)',
    url: 'https://www.primeline-solutions.com/media/categories/server/nach-gpu/nvidia-hgx-h200/nvidia-blackwell-b200-datasheet.pdf',
  },
  'NV-BU-DS': {
    title: 'NVIDIA Blackwell Ultra datasheet (link as recorded by Epoch)',
    url: 'https://resources.nvidia.com/en-us-blackwell-architecture/blackwell-ultra-datasheet',
  },
  'NV-H100-DS': {
    title: 'NVIDIA H100 Tensor Core GPU datasheet (link as recorded by Epoch)',
    url: 'https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet',
  },
  'NV-H200-DS': {
    title: 'NVIDIA H200 datasheet (link as recorded by Epoch)',
    url: 'https://nvdam.widen.net/s/nb5zzzsjdf/hpc-datasheet-sc23-h200-datasheet-3002446',
  },
  'NV-H800-M': {
    title: 'NVIDIA H800 SXM5 datasheet (FP64 ~1 TFLOPS, NVLink 400 GB/s) [recalled, not re-verified]',
    url: 'https://www.nvidia.com/',
  },
  'NV-M': {
    title:
      'NVIDIA product pages/datasheets (H100/H200 50 MB L2, A100 40 MB L2, H20 NVLink 900 GB/s, B300 288 GB & ConnectX-8 800G, GB200 NVL72 13.4 TB / 130 TB/s) [recalled, not re-verified]',
    url: 'https://www.nvidia.com/en-us/data-center/',
  },
  'PADDLE-DCU': {
    title: 'PaddlePaddle docs - Hygon DCU install (Z100/Z100L; DTK)',
    url: 'https://paddlepaddle.org.cn/documentation/docs/zh/hardware_support/dcu/install_cn.html',
  },
  'PADDLE-P800': {
    title: 'PaddlePaddle FastDeploy Kunlunxin XPU docs (P800 OAM version, XRE)',
    url: 'https://paddlepaddle.github.io/FastDeploy/zh/get_started/installation/kunlunxin_xpu',
  },
  'PRICE-910B': {
    title: 'TrendForce (Jun 2024) via Epoch: Ascend 910B ~RMB 120,000 (~USD 16.9k)',
    url: 'https://www.trendforce.com/news/2024/06/11/news-huaweis-self-developed-ai-chip-challenges-nvidia-boasting-its-ascend-910b-to-be-equal-in-match-with-a100/',
  },
  'PRICE-B200': {
    title:
      'B200 unit price: ~USD 37k volume (digiterialabs, weak) and USD 30k-40k (Jensen Huang to CNBC, Mar 2024 - not re-verified)',
    url: 'https://digiterialabs.com/ai/insights/nvidia-blackwell-pricing-reshapes-inference-economics',
  },
  'PRICE-GB200': {
    title: 'fetchlogic article citing ~USD 3.1M per GB200 NVL72 rack and ~USD 25k per H100 (secondary)',
    url: 'https://fetchlogic.net/memory-now-costs-more-than-the-processor-in-ai-chips-and-that-changes-everything-about-who-can-afford-to-compete/',
  },
  'PRICE-H100': {
    title: 'SemiAnalysis (May 2023) via Epoch: DGX H100 USD 269k => ~USD 33.6k per GPU',
    url: 'https://web.archive.org/web/20230529125834/https://www.semianalysis.com/p/ai-server-cost-analysis-memory-is',
  },
  'PRICE-H20': {
    title: "Tom's Hardware via Epoch: H20 ~USD 10k-13k",
    url: 'https://www.tomshardware.com/tech-industry/artificial-intelligence/distributor-claims-that-nvidia-has-allegedly-stopped-taking-orders-on-hgx-h20-gpu-processors',
  },
  'PRICE-MI300X': {
    title: "Tom's Hardware via Epoch: MI300X USD 10k-15k",
    url: 'https://www.tomshardware.com/tech-industry/artificial-intelligence/nvidias-h100-ai-gpus-cost-up-to-four-times-more-than-amds-competing-mi300x-amds-chips-cost-dollar10-to-dollar15k-apiece-nvidias-h100-has-peaked-beyond-dollar40000',
  },
  'RTX6000D-PRICE': {
    title: "Tom's Hardware (syndicated) on RTX Pro 6000D/B40: expected USD 6,500-8,000",
    url: 'https://techbuzzpro.top/en/nvidias-rtx-pro-6000d-b40-graphics-processors-dubbed-as-blackwell-gpus-rumored-to-replace-the-banned-h20-accelerators-in-chinas-market',
  },
  'RTX6000D-SPEC': {
    title:
      'RTX 6000D teardown/Geekbench leaks: 84GB GDDR7 (28 x 3GB), 448-bit, 19,968 CUDA cores, 600 W TDP label, ~419 W observed',
    url: 'https://www.weeklypost.kr/news/articleView.html?idxno=10587',
  },
  'SA-CM384': {
    title: "SemiAnalysis, 'Huawei AI CloudMatrix 384 - China's Answer to Nvidia GB200 NVL72' (16 Apr 2025)",
    url: 'https://semianalysis.com/2025/04/16/huawei-ai-cloudmatrix-384-chinas-answer-to-nvidia-gb200-nvl72/',
  },
  'SCMP-910B': {
    title:
      "SCMP-sourced reports: Huawei's Wang Tao - 910B ~80% of A100 LLM-training efficiency, +20% in some tests; 910D samples",
    url: 'https://yooqur.com/thread/557494-1.html',
  },
  'SGLANG-ASC': {
    title: 'SGLang docs, Ascend NPU reference (A2 = 910B 1 die x 64 GB; A3 = 910C 2 dies x 64 GB per card)',
    url: 'https://docs.sglang.io/docs/hardware-platforms/ascend-npus/ascend_npu_reference',
  },
  'SINODEF-950': {
    title:
      'Sino Defence Forum post analysing Ascend 950DT package photo (4 memory stacks, ~36 GB / ~1 TB/s each)',
    url: 'https://sinodefenceforum.com/t/chinese-semiconductor-thread-ii.9109/post-1328018',
  },
  'SUPERNODE-INSIDER': {
    title:
      "Social-media aggregation: 'HW insider says initial Atlas 950 deliveries will be 1,024-card version'",
    url: 'https://asia.aguea.com/h/Supernode',
  },
  'TAIPEI-METAX': {
    title: 'Taipei Times (18 Dec 2025), MetaX IPO; C500 claimed comparable to A100',
    url: 'https://www.taipeitimes.com/News/biz/archives/2025/12/18/2003849063',
  },
  'TF-CM384': {
    title: "TrendForce, 'Huawei to unveil CloudMatrix 384...' (21 Jul 2025)",
    url: 'https://www.trendforce.com/news/2025/07/21/news-huawei-to-unveil-cloudmatrix-384-rumored-to-deliver-2x-nvidia-gb200-nvl72-throughput',
  },
  'TH-910C60': {
    title:
      "Tom's Hardware (syndicated), 'DeepSeek research suggests Huawei's Ascend 910C delivers 60% of Nvidia H100 inference performance' (Feb 2025)",
    url: 'https://www.daily8.com/en/article/c68ba0fe4c8c31c2dd1e6b2d34a36628',
  },
  'TH-CM384': {
    title:
      "Tom's Hardware (syndicated) 'Huawei's new AI CloudMatrix cluster beats Nvidia's GB200 by brute force, uses 4X the power'; Winbuzzer recap with SA table",
    url: 'https://www.daily8.com/en/hashtag/CloudMatrix384',
  },
  'TH-MI309': {
    title: "Tom's Hardware, AMD MI309 for China fails export test (explains TPP 4,800 threshold)",
    url: 'https://www.tomshardware.com/tech-industry/artificial-intelligence/amds-custom-instinct-mi309-gpu-for-china-fails-export-license-test-from-us-government',
  },
  'THEAD-PPU': {
    title:
      'Alibaba T-Head PPU / Zhenwu 810E: CCTV-shown specs (96GB HBM2e, 700 GB/s, 400 W) and 2026-01-29 launch (ICN 7 links, PCIe 5.0 x16)',
    url: 'https://usdaily.xyz/alibaba-s-ai-chip-goes-head-to-head-with-nvidia-h20-in-state-backed-benchmark-demo-71213.html',
  },
  'TPU-CM384': {
    title: "TechPowerUp, 'Huawei CloudMatrix 384 System Outperforms NVIDIA GB200 NVL72'",
    url: 'https://www.techpowerup.com/forums/posts/5498099',
  },
  'TPU-MI308X': {
    title: 'TechPowerUp GPU database - MI308X (link as recorded by Epoch)',
    url: 'https://www.techpowerup.com/gpu-specs/radeon-instinct-mi308x.c4295',
  },
  'TPU-V5P-DOC': {
    title:
      'Google Cloud TPU v5p docs (459 TFLOPS BF16/FP8, 95 GB, 2,765 GB/s, ICI 1,200 GB/s, 8,960-chip pod, DCN 50 Gbps/chip)',
    url: 'https://docs.cloud.google.com/tpu/docs/v5p-training',
  },
  'TPU-V6E-DOC': {
    title: 'Google Cloud TPU v6e docs (918 TFLOPS BF16, 32 GB, 1,638 GBps, ICI 800 GBps, 256-chip pod)',
    url: 'https://docs.cloud.google.com/tpu/docs/v6e',
  },
  'TPU-V7-DOC': {
    title: 'Google Cloud TPU7x (Ironwood) docs (2,307 BF16 / 4,614 FP8 TFLOPS, 192 GiB, 9,216-chip pod)',
    url: 'https://docs.cloud.google.com/tpu/docs/tpu7x',
  },
} as const satisfies Record<string, Source>;

////////////////////   ADDED WHILE CHECKING THE CATALOG   ////////////////////

const ADDED = {
  MAMF: {
    title:
      "Stas Bekman, ml-engineering, 'Maximum Achievable Matmul FLOPS comparison table' (compute/accelerator/README.md, commit 744d01e18b): best-shape torch.matmul bf16 TFLOP/s, mean of 100 iterations",
    url: 'https://github.com/stas00/ml-engineering/blob/master/compute/accelerator/README.md',
  },
  'GCP-TPU-V4': {
    title: 'Google Cloud TPU docs, TPU v4 (275 TFLOPS bf16/int8, 32 GiB HBM2 at 1200 GBps, 4096-chip pod)',
    url: 'https://cloud.google.com/tpu/docs/v4',
  },
  'GCP-TPU-V5E': {
    title:
      'Google Cloud TPU docs, TPU v5e (197 TFLOPS bf16, 393 TOPS int8, 16 GB HBM2 at 819 GBps, ICI 400 GBps bidirectional, 256-chip pod, 2 x 100 Gbps NIC per 8-chip host)',
    url: 'https://docs.cloud.google.com/tpu/docs/v5e',
  },
  'TPU-V4-PAPER': {
    title:
      'Jouppi et al., "TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning with Hardware Support for Embeddings", ISCA 2023 (6 ICI links x 50 GB/s per direction)',
    url: 'https://arxiv.org/abs/2304.01433',
  },
  'NV-DGXA100-DS': {
    title: 'NVIDIA DGX A100 datasheet / user guide: 8x A100, 6.5 kW max system power, 8x 200 Gb/s HDR',
    url: 'https://docs.nvidia.com/dgx/dgxa100-user-guide/introduction-to-dgxa100.html',
  },
  'NV-DGXH100-UG': {
    title: 'NVIDIA DGX H100/H200 user guide: 8x H100, ~10.2 kW max, 8x ConnectX-7 400 Gb/s (cluster network)',
    url: 'https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html',
  },
  'NV-DGXB200-UG': {
    title: 'NVIDIA DGX B200 user guide: 8x B200 (1,440 GB), 14.3 kW max, 8x ConnectX-7 400 Gb/s',
    url: 'https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html',
  },
  'DGX-H100-COST': {
    title: 'AI Supercluster blog, "NVIDIA DGX H100 hardware" (base price ~USD 199k, list)',
    url: 'https://www.supercluster.blog/p/4-nvidia-dgx-h100-hardware',
  },
  'DGX-A100-PRICE': {
    title: 'Geektopia (May 2020): NVIDIA DGX A100 launched from USD 199,000',
    url: 'https://geektopia.es/es/technology/2020/05/14/noticias/nvidia-anuncia-el-servidor-dgx-a100-ocho-tesla-a100-desde-200-000-dolares.html',
  },
  'NCCL-TUNING': {
    title:
      'NCCL src/graph/tuning.cc: hwLat model constants (NVLink low-latency ring ~0.4-0.6 us per step; network ~1-5 us)',
    url: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/tuning.cc',
  },
  'AMD-MI300X-PLATFORM': {
    title:
      'ServeTheHome, AMD Instinct MI300X at Hot Chips 2024: 8-way OAM platform, 7 direct Infinity Fabric links per GPU (AMD slides)',
    url: 'https://servethehome.com/amd-instinct-mi300x-architecture-at-hot-chips-2024',
  },
  'EVOK-MLU590': {
    title:
      'EvoKernel Spec, data/hardware/cambricon/mlu590.yaml (community, LLM-assisted: 256 BF16, 64 GB, 1228 GB/s, MLU-Link 400 GB/s, 8-way, 200 Gb/s RoCE)',
    url: 'https://github.com/ying-wen/evokernel-spec/blob/main/data/hardware/cambricon/mlu590.yaml',
  },
  'EVOK-K100': {
    title: 'EvoKernel Spec, data/hardware/hygon/dcu-k100.yaml (community, LLM-assisted)',
    url: 'https://github.com/ying-wen/evokernel-spec/blob/main/data/hardware/hygon/dcu-k100.yaml',
  },
  'FRONTIER-OLCF': {
    title: 'OLCF Frontier user guide: each MI250X has 2 GCDs, each seen as one GPU with 64 GB HBM2e',
    url: 'https://docs.olcf.ornl.gov/systems/frontier_user_guide.html',
  },
  // Prices, power and roadmap dates added for issue 16 (see docs/CATALOG.md#prices-and-power).
  'WSJ-910C': {
    title:
      "Tom's Hardware citing the Wall Street Journal (Aug 2024): Huawei expects orders for ~70,000 Ascend 910C worth ~USD 2 billion",
    url: 'https://www.tomshardware.com/pc-components/gpus/huawei-guns-for-nvidia-market-share-in-china-ascend-910c-gpu-customer-sampling-begins',
  },
  'FT-A800': {
    title:
      'Reuters summary of the Financial Times (9 Aug 2023): Baidu, ByteDance, Tencent, Alibaba ordered USD 1 billion for ~100,000 A800',
    url: 'https://www.nasdaq.com/articles/chinas-internet-giants-order-$5-bln-of-nvidia-chips-to-power-ai-ambitions-ft',
  },
  'ST-GREY': {
    title:
      'Straits Times checks of Chinese e-commerce listings (2023), syndicated: A100 RMB 125,000, A800 RMB 108,000 (grey market, warranty unclear)',
    url: 'https://chatgptglobal.news/?p=24662',
  },
  'HF-A100': {
    title: 'Hugging Face hardware page A100 (MSRP USD 15k, community data)',
    url: 'https://huggingface.co/hardware/a100',
  },
  'HF-H800': {
    title: 'Hugging Face hardware page H800 (MSRP USD 30k, 700 W, community data)',
    url: 'https://huggingface.co/hardware/h800',
  },
  'HF-H200': {
    title: 'Hugging Face hardware page H200 (MSRP USD 32k, community data)',
    url: 'https://huggingface.co/hardware/h200',
  },
  'HF-H20': {
    title: 'Hugging Face hardware page H20 (MSRP USD 14k, community data)',
    url: 'https://huggingface.co/hardware/h20',
  },
  'REUTERS-H200': {
    title:
      'Reuters (Jan 2026), syndicated: Chinese firms ordered >2 million H200 at around USD 27,000 each; customs told H200 not permitted',
    url: 'https://www.tradingpedia.com/2026/01/14/china-moves-to-halt-nvidia-h200-shipments-amid-intensifying-chip-tensions/',
  },
  'TENCENT-H200': {
    title:
      'Tencent Technology (24 Dec 2025), unnamed insider: H200 8-GPU module RMB 1.4 million to channels; H20 8-GPU module rose from RMB 880,000 to 1.05 million',
    url: 'https://news.platform.airstarbank.com/en/post/66581432/delivery-of-h200-in-china-accelerates-with-a-module-unit',
  },
  'CN-H200-QUOTE': {
    title:
      'Chinese trade press (Jan 2026): H200 quoted at ~RMB 190,000 per chip, ~RMB 1.5 million per 8-GPU machine',
    url: 'https://php.xlycwl.com/faq/1963438.html',
  },
  'HUXIU-H20': {
    title:
      'Huxiu, quoting a server dealer (Jul 2024), syndicated: H20 eight-card server ~RMB 1.2 million, H100 eight-card ~RMB 2.7 million',
    url: 'https://soramidjourney.com/?p=5618',
  },
  'DGX-B200-PRICE': {
    title: 'Vengineer blog (Mar 2025): DGX B200 priced at USD 515k (secondary, no primary quote)',
    url: 'https://vengineer.hatenablog.com/entry/2025/03/16/080000',
  },
  'NEXTPLATFORM-GAUDI': {
    title:
      'The Next Platform (13 Jun 2024): Intel list prices at Computex 2024, Gaudi 3 eight-accelerator UBB kit USD 125,000',
    url: 'https://www.nextplatform.com/2024/06/13/stacking-up-intel-gaudi-against-nvidia-gpus-for-ai/',
  },
  'UDN-HC25': {
    title:
      'UDN (18 Sep 2025) on Huawei Connect 2025: Ascend 950PR 2026-Q1, 950DT 2026-Q4, 960 2027-Q4, 970 2028-Q4',
    url: 'https://udn.com/news/story/7333/9013285',
  },
  'GTC25-RUBIN': {
    title:
      'NVIDIA GTC 2025 announcement, summarised: Vera Rubin NVL144 in H2 2026, 3.6 EF FP4 inference, 1.2 EF FP8 training, HBM4 13 TB/s, NVLink 6 260 TB/s, CX9 28.8 TB/s per rack',
    url: 'https://aitide.news/article/16401',
  },
  'RUBIN-NVL144': {
    title:
      'HyperAI summary of the Vera Rubin platform: NVL144 = 144 Rubin GPU dies in 72 packages, 288 GB HBM4 per package, 36 Vera CPUs',
    url: 'https://hyper.ai/en/stories/3422d6a72152beb34a564461208438ff',
  },
} as const satisfies Record<string, Source>;

export const SOURCES = { ...REFERENCE, ...ADDED } as const satisfies Record<string, Source>;
export type SourceKey = keyof typeof SOURCES;

/** The sources for some keys, in order; `derived` is our own arithmetic and is cited as such. */
export function src(...keys: ReadonlyArray<SourceKey | 'derived'>): Source[] {
  return keys.map((key) =>
    key === 'derived'
      ? {
          title: 'chipmix arithmetic from the other cited numbers (see the note)',
          url: 'docs/CATALOG.md#derived-values',
        }
      : { ...SOURCES[key] },
  );
}
