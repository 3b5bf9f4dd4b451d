/** English and Simplified Chinese: one dictionary each, and Intl formatters for the chosen locale. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

const en = {
  'app.title': 'chipmix',
  'app.tagline': 'AI compute planning when supply chains split',
  'nav.catalog': 'Catalog',
  'nav.training': 'Training',
  'nav.plan': 'Fleet plan',
  'nav.compliance': 'Compliance',
  'lang.switch': '中文',
  'token.label': 'API token',
  'token.save': 'Use token',
  'common.loading': 'Loading…',
  'common.error': 'Error',
  'common.all': 'All',
  'common.yes': 'yes',
  'common.no': 'no',
  'catalog.vendor': 'Vendor',
  'catalog.origin': 'Origin',
  'catalog.domestic': 'Domestic',
  'catalog.foreign': 'Foreign',
  'catalog.status': 'Status',
  'catalog.kind': 'Kind',
  'catalog.chip': 'Chip',
  'catalog.system': 'System',
  'catalog.name': 'Name',
  'catalog.compare': 'Compare selected',
  'catalog.selectHint': 'Tick two or more entries to compare them.',
  'catalog.entries': '{n} entries',
  'catalog.metric': 'Metric',
  'catalog.details': 'Details',
  'catalog.source': 'Source',
  'catalog.confidence': 'Confidence',
  'train.model': 'Model',
  'train.customConfig': 'Pasted config.json',
  'train.configPlaceholder': 'Paste a Hugging Face config.json here',
  'train.hardware': 'Hardware',
  'train.devices': 'Devices',
  'train.seqLen': 'Sequence length',
  'train.globalBatch': 'Global batch (sequences)',
  'train.precision': 'Precision',
  'train.tokens': 'Training tokens (e.g. 15T)',
  'train.layout': 'Layout (blank = best found)',
  'train.framework': 'Framework',
  'train.switches': 'Switches (blank = the framework default)',
  'train.default': 'default',
  'train.searched': 'searched',
  'train.stepTime': 'Step time',
  'train.mfu': 'MFU',
  'train.tokensPerDevice': 'Tokens/s per device',
  'train.memory': 'Memory per device',
  'train.fits': 'Fits in memory',
  'train.days': 'Days to train',
  'train.band': 'Error band (tokens/s)',
  'train.breakdown': 'Step-time breakdown (s)',
  'train.memoryChart': 'Memory per device (GB)',
  'train.capacity': 'capacity',
  'train.computedIn': 'Computed in your browser in {ms} ms',
  'train.search': 'Search top layouts on the server',
  'train.cancel': 'Cancel',
  'train.searching': 'Searching… {pct}',
  'train.cancelled': 'Search cancelled.',
  'train.topLayouts': 'Top layouts ({n} evaluated)',
  'train.result': 'Estimate',
  'plan.coming':
    'The fleet planner is coming: scenario editing and the cost/time versus domestic-share chart will appear here when `chipmix plan` ships.',
  'plan.example': 'Example scenario',
  'plan.scenario': 'Scenario (YAML or JSON)',
  'plan.valid': 'scenario is valid',
  'plan.invalid': 'scenario has problems',
  'plan.sweep': 'Sweep the domestic-share rule 0–100%',
  'plan.solve': 'Solve the plan',
  'plan.solving': 'Solving…',
  'plan.total': 'Total cost',
  'plan.capex': 'Capex',
  'plan.domestic': 'Domestic share (count)',
  'plan.days': 'Days to complete',
  'plan.costM': 'Total cost (M USD)',
  'plan.threshold': 'Domestic share required',
  'plan.sweepChart': 'Cost and time versus the required domestic share',
  'comply.asOf': 'As of',
  'comply.overall': 'Overall',
  'comply.compliant': 'Compliant',
  'comply.notCompliant': 'Not compliant',
  'comply.unknown': 'Unknown',
  'comply.organisation': 'Organisation',
  'comply.site': 'Site',
  'comply.rules': 'Rules',
  'comply.pass': 'pass',
  'comply.fail': 'FAIL',
  'comply.na': 'n/a',
  'comply.trajectory': 'Domestic share over time (count, including ordered and planned)',
  'comply.import': 'Import an inventory file (CSV or JSON)',
  'comply.replace': 'Replace the whole inventory',
  'comply.imported':
    'Imported {file}: {created} records added, {updated} updated, {deleted} deleted, {duplicates} duplicates not added.',
  'comply.preview':
    'Preview of {file}: {added} to add, {changed} to change, {removed} to delete, {duplicates} already stored (not added again). Nothing is written until you confirm.',
  'comply.replaceWarning': 'Replacing deletes {n} records that the file does not hold.',
  'comply.confirmImport': 'Import',
  'comply.confirmReplace': 'Delete {n} records and import',
  'comply.cancel': 'Cancel',
  'comply.undo': 'Undo this import',
  'comply.undone': 'Undone: {removed} records removed, {restored} restored.',
  'comply.packages': 'packages',
  'metric.count': 'Count',
  'metric.bf16Compute': 'BF16 compute',
  'metric.spend': 'Spend',
  'metric.power': 'Power',
} as const;

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  'app.title': 'chipmix',
  'app.tagline': '供应链分化下的 AI 算力规划',
  'nav.catalog': '芯片目录',
  'nav.training': '训练估算',
  'nav.plan': '集群规划',
  'nav.compliance': '合规',
  'lang.switch': 'English',
  'token.label': 'API 令牌',
  'token.save': '使用令牌',
  'common.loading': '加载中…',
  'common.error': '错误',
  'common.all': '全部',
  'common.yes': '是',
  'common.no': '否',
  'catalog.vendor': '厂商',
  'catalog.origin': '来源',
  'catalog.domestic': '国产',
  'catalog.foreign': '进口',
  'catalog.status': '状态',
  'catalog.kind': '类型',
  'catalog.chip': '芯片',
  'catalog.system': '整机',
  'catalog.name': '名称',
  'catalog.compare': '对比所选',
  'catalog.selectHint': '勾选两个或更多条目进行对比。',
  'catalog.entries': '共 {n} 条',
  'catalog.metric': '指标',
  'catalog.details': '详情',
  'catalog.source': '出处',
  'catalog.confidence': '可信度',
  'train.model': '模型',
  'train.customConfig': '粘贴 config.json',
  'train.configPlaceholder': '在此粘贴 Hugging Face config.json',
  'train.hardware': '硬件',
  'train.devices': '加速卡数',
  'train.seqLen': '序列长度',
  'train.globalBatch': '全局批大小（序列）',
  'train.precision': '精度',
  'train.tokens': '训练 token 数（如 15T）',
  'train.layout': '并行布局（留空 = 自动寻优）',
  'train.framework': '训练框架',
  'train.switches': '开关（留空 = 框架默认）',
  'train.default': '默认',
  'train.searched': '寻优',
  'train.stepTime': '单步时间',
  'train.mfu': 'MFU',
  'train.tokensPerDevice': '每卡 tokens/s',
  'train.memory': '每卡显存',
  'train.fits': '显存可容纳',
  'train.days': '训练天数',
  'train.band': '误差范围（tokens/s）',
  'train.breakdown': '单步时间分解（秒）',
  'train.memoryChart': '每卡显存（GB）',
  'train.capacity': '容量',
  'train.computedIn': '在浏览器中计算，用时 {ms} 毫秒',
  'train.search': '在服务器上搜索最佳布局',
  'train.cancel': '取消',
  'train.searching': '搜索中… {pct}',
  'train.cancelled': '已取消搜索。',
  'train.topLayouts': '最佳布局（已评估 {n} 个）',
  'train.result': '估算结果',
  'plan.example': '示例场景',
  'plan.scenario': '场景（YAML 或 JSON）',
  'plan.valid': '场景有效',
  'plan.invalid': '场景有问题',
  'plan.sweep': '扫描国产占比要求 0–100%',
  'plan.solve': '求解规划',
  'plan.solving': '求解中…',
  'plan.total': '总成本',
  'plan.capex': '资本支出',
  'plan.domestic': '国产占比（数量）',
  'plan.days': '完成天数',
  'plan.costM': '总成本（百万美元）',
  'plan.threshold': '国产占比要求',
  'plan.sweepChart': '成本与时间随国产占比要求的变化',
  'comply.asOf': '截至',
  'comply.overall': '总体',
  'comply.compliant': '合规',
  'comply.notCompliant': '不合规',
  'comply.unknown': '未知',
  'comply.organisation': '全组织',
  'comply.site': '站点',
  'comply.rules': '规则',
  'comply.pass': '通过',
  'comply.fail': '未通过',
  'comply.na': '不适用',
  'comply.trajectory': '国产占比变化（按数量，含已订购和计划中）',
  'comply.import': '导入库存文件（CSV 或 JSON）',
  'comply.replace': '替换全部库存',
  'comply.imported':
    '已导入 {file}：新增 {created} 条，更新 {updated} 条，删除 {deleted} 条，{duplicates} 条重复未添加。',
  'comply.preview':
    '{file} 预览：新增 {added} 条，修改 {changed} 条，删除 {removed} 条，{duplicates} 条已存在（不重复添加）。确认前不会写入任何内容。',
  'comply.replaceWarning': '替换将删除文件中没有的 {n} 条记录。',
  'comply.confirmImport': '导入',
  'comply.confirmReplace': '删除 {n} 条记录并导入',
  'comply.cancel': '取消',
  'comply.undo': '撤销本次导入',
  'comply.undone': '已撤销：移除 {removed} 条，恢复 {restored} 条。',
  'comply.packages': '颗',
  'metric.count': '数量',
  'metric.bf16Compute': 'BF16 算力',
  'metric.spend': '采购额',
  'metric.power': '功耗',
};

const DICTS: Record<Lang, Record<Key, string>> = { en, zh };
const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

export interface I18n {
  readonly lang: Lang;
  t(key: Key, vars?: Record<string, string | number>): string;
  num(value: number, digits?: number): string;
  pct(value: number | null): string;
  date(iso: string): string;
}

export function makeI18n(lang: Lang): I18n {
  const locale = LOCALES[lang];
  const pctFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const numFormats = new Map<number, Intl.NumberFormat>();
  return {
    lang,
    t: (key, vars) => {
      let text: string = DICTS[lang][key];
      for (const [name, value] of Object.entries(vars ?? {})) text = text.replace(`{${name}}`, String(value));
      return text;
    },
    num: (value, digits = 2) => {
      let f = numFormats.get(digits);
      if (!f) {
        f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
        numFormats.set(digits, f);
      }
      return f.format(value);
    },
    pct: (value) => (value === null ? '–' : pctFormat.format(value)),
    date: (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`)),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en'));
export const useI18n = () => useContext(I18nContext);

/** The saved choice, else the browser's language. */
export function initialLang(): Lang {
  const saved = localStorage.getItem('chipmix.lang');
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
