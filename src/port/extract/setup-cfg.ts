/**
 * setup.cfg dependencies (setuptools' declarative config): `install_requires` under `[options]`
 * is what the package needs; `[options.extras_require]` lists extras it runs without. The file
 * is INI as Python's configparser reads it: `[section]`, `key = value` or `key: value`, values
 * continued on indented lines, `#` and `;` comment lines.
 */
import type { Fact } from '../types';
import { parseRequirementName } from './requirements';

export function extractSetupCfg(text: string, file: string, out: Fact[]): void {
  let section = '';
  let key = '';
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (/^\s*[#;]/.test(line) || line.trim() === '') continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1]!.trim().toLowerCase();
      key = '';
      continue;
    }
    let value: string;
    let column: number;
    if (/^\s/.test(line) && key !== '') {
      value = line.trim();
      column = line.length - line.trimStart().length + 1;
    } else {
      const assignment = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
      if (!assignment) continue;
      key = assignment[1]!.trim().toLowerCase();
      value = assignment[2]!.trim();
      column = line.length - value.length + 1;
    }
    const required = section === 'options' && key === 'install_requires';
    const extra = section === 'options.extras_require';
    if ((!required && !extra) || value === '') continue;
    const name = parseRequirementName(value.replace(/\s+#.*$/, ''));
    if (name) out.push({ kind: 'dependency', symbol: name, file, line: i + 1, column, optional: extra });
  }
}
