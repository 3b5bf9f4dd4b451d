import type { PortReport } from '../types';
import { FORMATS } from './formats';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatTable } from './table';

export { FORMATS };
export type PortFormat = (typeof FORMATS)[number];

export function formatReport(report: PortReport, format: PortFormat): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report);
    default:
      return formatTable(report);
  }
}
