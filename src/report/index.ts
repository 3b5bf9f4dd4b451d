export { renderHtml } from './html';
export { renderMarkdown } from './markdown';
export type { ReportInput } from './model';
