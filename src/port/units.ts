/**
 * Porting units (see docs/PORT.md, Effort): a fact inside a kernel (a CUDA `__global__`/`__device__`
 * function or a Triton `@triton.jit` function) belongs to that kernel, so the 1,171 `tl.constexpr` of
 * a Triton library are part of the kernels they sit in, not 1,171 pieces of work. Otherwise the rule's
 * `unit` says: `api` is a distinct symbol per file, `dependency` one per project, `build-target` one
 * per build file, `file` one per file, `occurrence` each finding. Pure; the units are named once per fact
 * and target in `prematch.ts`, and the findings read them from there.
 */
import type { Fact, Rule, UnitKind } from './types';

/** Rules whose unit never folds into a kernel: they name a build file or a whole file. */
const FILE_LEVEL: ReadonlySet<UnitKind> = new Set(['build-target', 'file']);

export interface Unit {
  readonly unit: string;
  readonly unitKind: UnitKind;
}

/** What a unit depends on of its rule: a worker has the rules' ids and units, not whole rules. */
export type UnitRule = Pick<Rule, 'id' | 'unit'>;

/** The kind of unit a fact is, for a rule (without building the unit's name). */
export function unitKindOf(rule: UnitRule, fact: Fact): UnitKind {
  return fact.kernel !== undefined && !FILE_LEVEL.has(rule.unit) ? 'kernel' : rule.unit;
}

function unitOf(rule: UnitRule, fact: Fact): Unit {
  if (fact.kernel !== undefined && !FILE_LEVEL.has(rule.unit))
    return { unit: `kernel ${fact.file}#${fact.kernel}`, unitKind: 'kernel' };
  switch (rule.unit) {
    case 'kernel':
      return { unit: `kernel ${fact.file}#line${fact.line}`, unitKind: 'kernel' };
    case 'dependency':
      return { unit: `dependency ${rule.id}`, unitKind: 'dependency' };
    case 'build-target':
      return { unit: `build ${fact.file}`, unitKind: 'build-target' };
    case 'file':
      return { unit: `file ${fact.file}`, unitKind: 'file' };
    case 'occurrence':
      return { unit: `at ${fact.file}:${fact.line}:${fact.column}`, unitKind: 'occurrence' };
    default:
      return { unit: `api ${fact.file} ${fact.symbol}`, unitKind: 'api' };
  }
}

/**
 * `unitOf` for the facts of one file, each unit built once (keyed by kernel, by symbol, by dependency): FlagGems'
 * 80k findings name a few thousand units, and one shared object per unit spares the allocations and the later
 * hashing. Used by the per-fact matching (`prematch.ts`); a new one per file.
 */
export class FileUnits {
  private readonly kernels = new Map<string, Unit>();
  private readonly apis = new Map<string, Unit>();
  private readonly dependencies = new Map<string, Unit>();
  private build: Unit | undefined;
  private whole: Unit | undefined;
  /**
   * An imported name of an occurrence rule (`from torch.utils.cpp_extension import load_inline`), by symbol: its
   * first use in the file is the same unit, so the import and the call are one occurrence (as `ce.load_inline(...)`
   * after `import ... as ce` already was).
   */
  private readonly importedOccurrences = new Map<string, Unit>();

  of(rule: UnitRule, fact: Fact): Unit {
    if (fact.kernel !== undefined && unitKindOf(rule, fact) === 'kernel')
      return this.cached(this.kernels, fact.kernel, rule, fact);
    switch (rule.unit) {
      case 'api':
        return this.cached(this.apis, fact.symbol, rule, fact);
      case 'dependency':
        return this.cached(this.dependencies, rule.id, rule, fact);
      case 'build-target':
        this.build ??= unitOf(rule, fact);
        return this.build;
      case 'file':
        this.whole ??= unitOf(rule, fact);
        return this.whole;
      case 'occurrence': {
        if (fact.optional !== undefined) {
          const unit = unitOf(rule, fact);
          this.importedOccurrences.set(fact.symbol, unit);
          return unit;
        }
        const imported = this.importedOccurrences.get(fact.symbol);
        if (imported === undefined) return unitOf(rule, fact);
        this.importedOccurrences.delete(fact.symbol);
        return imported;
      }
      default:
        return unitOf(rule, fact); // a kernel by its line: one per place
    }
  }

  private cached(cache: Map<string, Unit>, key: string, rule: UnitRule, fact: Fact): Unit {
    let unit = cache.get(key);
    if (unit === undefined) {
      unit = unitOf(rule, fact);
      cache.set(key, unit);
    }
    return unit;
  }
}
