/**
 * CPLEX LP text for a {@link MilpModel}: the input format of HiGHS's `solve(lpText, options)` and
 * something a person can read (`chipmix plan --lp FILE` is not offered; tests and debugging use it).
 * Lines are wrapped so that no line exceeds the 255 characters some LP readers accept.
 */
import type { MilpModel, Term } from '../core/plan/milp';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`non-finite coefficient ${value}`);
  // 17 significant digits round-trip every double; strip what is not needed.
  return String(Number(value.toPrecision(15)));
}

function expression(terms: readonly Term[], fallbackVariable: string): string[] {
  const parts: string[] = [];
  for (const t of terms) {
    if (t.coef === 0) continue;
    const sign = t.coef < 0 ? '-' : '+';
    parts.push(`${sign} ${num(Math.abs(t.coef))} ${t.variable}`);
  }
  if (parts.length === 0) parts.push(`+ 0 ${fallbackVariable}`);
  // Strip the leading '+' of the first term.
  parts[0] = parts[0]!.replace(/^\+ /, '');
  return parts;
}

function wrap(head: string, parts: string[], tail = ''): string {
  const lines: string[] = [];
  let line = head;
  for (const part of parts) {
    if (line.length + part.length + 1 > 200) {
      lines.push(line);
      line = '   ';
    }
    line += ` ${part}`;
  }
  if (tail) {
    if (line.length + tail.length + 1 > 200) {
      lines.push(line);
      line = '   ';
    }
    line += ` ${tail}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Writes `model` as CPLEX LP text. Throws on names LP cannot carry or non-finite coefficients. */
export function toLpText(model: MilpModel): string {
  if (model.variables.length === 0) throw new Error('a model needs at least one variable');
  for (const v of model.variables)
    if (!NAME.test(v.name)) throw new Error(`variable name "${v.name}" is not valid in LP format`);
  for (const c of model.constraints)
    if (!NAME.test(c.name)) throw new Error(`row name "${c.name}" is not valid in LP format`);
  const first = model.variables[0]!.name;
  // Every column appears in the objective (0 when absent) so the reader creates it, in model order.
  const coef = new Map<string, number>();
  for (const t of model.objective) coef.set(t.variable, (coef.get(t.variable) ?? 0) + t.coef);
  const objParts = model.variables.map((v) => {
    const c = coef.get(v.name) ?? 0;
    return `${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${v.name}`;
  });
  objParts[0] = objParts[0]!.replace(/^\+ /, '');
  const out: string[] = [model.sense === 'minimize' ? 'Minimize' : 'Maximize', wrap(' obj:', objParts)];
  out.push('Subject To');
  for (const c of model.constraints) {
    out.push(wrap(` ${c.name}:`, expression(c.terms, first), `${c.sense} ${num(c.rhs)}`));
  }
  const bounds: string[] = [];
  const generals: string[] = [];
  const binaries: string[] = [];
  for (const v of model.variables) {
    if (v.type === 'binary') {
      binaries.push(v.name);
      if ((v.lb ?? 0) !== 0 || (v.ub ?? 1) !== 1)
        bounds.push(` ${num(v.lb ?? 0)} <= ${v.name} <= ${num(v.ub ?? 1)}`);
      continue;
    }
    if (v.type === 'integer') generals.push(v.name);
    const lb = v.lb ?? 0;
    const ub = v.ub ?? Number.POSITIVE_INFINITY;
    const lbText = lb === Number.NEGATIVE_INFINITY ? '-inf' : num(lb);
    if (ub === Number.POSITIVE_INFINITY) {
      if (lb !== 0) bounds.push(` ${v.name} >= ${lbText}`);
    } else bounds.push(` ${lbText} <= ${v.name} <= ${num(ub)}`);
  }
  if (bounds.length) out.push('Bounds', ...bounds);
  if (generals.length) out.push('General', wrap('', generals));
  if (binaries.length) out.push('Binary', wrap('', binaries));
  out.push('End', '');
  return out.join('\n');
}
