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
    // indexOf and trim only: regexes with a run of spaces on both sides of a quantifier were quadratic on
    // 250k-space lines (a 3.75 MB setup.cfg never finished)
    let value: string;
    let column: number;
    if ((line[0] === ' ' || line[0] === '\t') && key !== '') {
      value = line.trim();
      column = line.length - line.trimStart().length + 1;
    } else {
      const equals = line.indexOf('=');
      const colon = line.indexOf(':');
      const at = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
      if (at <= 0) continue;
      // setuptools still reads the dash spelling (install-requires), with a deprecation warning
      key = line.slice(0, at).trim().toLowerCase().replace(/-/g, '_');
      const rest = line.slice(at + 1);
      value = rest.trim();
      column = at + 2 + (rest.length - rest.trimStart().length);
    }
    const required = section === 'options' && key === 'install_requires';
    const extra = section === 'options.extras_require';
    if ((!required && !extra) || value === '') continue;
    const comment = value.search(/\s#/);
    const name = parseRequirementName(comment >= 0 ? value.slice(0, comment) : value);
    if (name) out.push({ kind: 'dependency', symbol: name, file, line: i + 1, column, optional: extra });
  }
}
