/** The report formats (the formatters themselves load with the scanner). */
export const FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
