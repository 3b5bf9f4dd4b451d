export { renderHtml } from './html';
export { renderMarkdown } from './markdown';
export type { ReportInput, ReportOptions } from './model';
export type { ReportLang } from './text';
