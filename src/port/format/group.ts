/** Groups per-target findings at the same place and rule into one row with a column per target. */
import type { Category, Finding, PortStatus, Scope, Severity, UnitKind } from '../types';

export interface GroupedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly category: Category;
  readonly symbol: string;
  readonly message: string;
  readonly scope: Scope;
  readonly unitKind: UnitKind;
  readonly targets: Record<
    string,
    { severity: Severity; suggestion: string; status: PortStatus; unit: string; statusReason?: string }
  >;
}

export function groupFindings(findings: readonly Finding[]): GroupedFinding[] {
  const groups = new Map<string, GroupedFinding>();
  for (const f of findings) {
    const key = `${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.ruleId}\u0000${f.symbol}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        file: f.file,
        line: f.line,
        column: f.column,
        ruleId: f.ruleId,
        category: f.category,
        symbol: f.symbol,
        message: f.message,
        scope: f.scope,
        unitKind: f.unitKind,
        targets: {},
      };
      groups.set(key, group);
    }
    group.targets[f.target] = {
      severity: f.severity,
      suggestion: f.suggestion,
      status: f.status,
      unit: f.unit,
      ...(f.statusReason ? { statusReason: f.statusReason } : {}),
    };
  }
  return [...groups.values()].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

export const formatDays = (range: readonly [number, number]): string => `${range[0]}–${range[1]}`;
