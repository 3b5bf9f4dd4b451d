/**
 * Existing domestic support: what in the scanned code already targets a stack, and which findings
 * that makes already handled (pure: facts and paths in, signals and statuses out).
 *
 * Signals per target (patterns in each rule file's `support` block, with sources):
 * - `runtime`: the stack's API or device names in code (`torch_npu`, `torch.npu.*`, `"npu"`,
 *   `is_npu_available`, `aclrt*`, `torch_mlu`, `hip/hip_runtime.h`, `__HIP_PLATFORM_AMD__`, `xpu_malloc`);
 * - `triton`: the stack's Triton compiler (`triton-ascend`);
 * - `path`: a backend directory or file named after the stack (`_ascend/`, `ggml-cann/`, `npu_ops.py`).
 *
 * A finding is, per target:
 * - `ported` when it sits in that stack's backend code; when its file (or a project header the
 *   file includes) already calls the stack's runtime, for device plumbing (and, on a stack that
 *   compiles translated CUDA, such as HIP, for kernels too); when product code imports the stack's
 *   migration module (transfer_to_npu), for Python device plumbing anywhere; or when it is a Triton
 *   kernel and the project already compiles its Triton kernels for that stack. "Calls the runtime"
 *   means uses it: an import alone (`import torch_npu` leaves torch.cuda on CUDA) or a device name in
 *   a string (`if device == "npu": raise ...`) is a signal, not coverage. A rule marked `byHand` (the
 *   migration tool's documented restrictions) is handled only in the stack's backend code;
 * - `alternative` when it sits in another vendor's backend code (or in NVIDIA-named backend code of
 *   a project that already has a backend for this stack): not part of this port;
 * - `left` otherwise. Readiness and effort count what is left.
 */
import { SIGNAL_KINDS } from './prematch';
import type { Category, Fact, PortStatus, Rule, RuleSet, Scope, SupportSignal } from './types';

/** Backend code of stacks that are not chipmix targets: never part of a port to a target. */
export const OTHER_VENDOR_PATHS = [
  'metax',
  'maca',
  'mthreads',
  'musa',
  'iluvatar',
  'corex',
  'aipu',
  'arm',
  'sycl',
  'xpu',
  'mps',
  'metal',
  'vulkan',
  'opencl',
  'tpu',
  'hpu',
  'gaudi',
  'enflame',
  'gcu',
  'biren',
  'habana',
  'sdaa',
  'teco',
] as const;
/** A CUDA version in a name (`docker/verl0.4-cu124-vllm0.8.5`, `requirements-cu121.txt`): NVIDIA's variant. */
const CUDA_VERSION_TOKEN = /^cu\d{2,3}$/;
/** NVIDIA's own backend code: the alternative to a stack's backend once that backend exists. */
export const NVIDIA_PATHS = ['cuda', 'nvidia', 'cublas', 'cudnn', 'nccl'] as const;

/** Categories a file that already calls the stack's runtime has handled (plumbing, not kernels). */
const PLUMBING: ReadonlySet<Category> = new Set([
  'device-api',
  'amp',
  'collective',
  'profiling',
  'environment',
  'cuda-graph',
  'vendor-library',
]);
const KERNELS: ReadonlySet<Category> = new Set(['custom-kernel', 'triton']);

/** Lower-case name tokens of every directory and the file stem: `a/ggml-cann/x_npu.cpp` → {a, ggml, cann, x, npu}. */
export function pathTokens(path: string): Set<string> {
  const tokens = new Set<string>();
  const parts = path.toLowerCase().split('/');
  parts[parts.length - 1] = parts[parts.length - 1]!.replace(/\.[^.]*$/, '');
  for (const part of parts) for (const t of part.split(/[-_.\s]+/)) if (t) tokens.add(t);
  return tokens;
}

/** Whose backend code a path is: a target's, another vendor's or NVIDIA's, by the token that says so. */
export interface PathOwner {
  readonly vendor: string;
  readonly token: string;
}

/** Each target with its backend path tokens (its rule set's `support.paths`), in rule-set order: plain data. */
export type TargetPaths = readonly (readonly [target: string, tokens: readonly string[]])[];

/** Pure: the scan asks it of every path while the grammars compile, before any file is parsed. */
export function ownerFinder(targets: TargetPaths): (path: string) => PathOwner | undefined {
  const targetTokens = new Map(targets.map(([target, tokens]) => [target, new Set(tokens)] as const));
  const otherTokens = new Set<string>(OTHER_VENDOR_PATHS);
  const nvidiaTokens = new Set<string>(NVIDIA_PATHS);
  return (path) => {
    const tokens = pathTokens(path);
    for (const [target, names] of targetTokens)
      for (const t of tokens) if (names.has(t)) return { vendor: target, token: t };
    for (const t of tokens) if (otherTokens.has(t)) return { vendor: t, token: t };
    for (const t of tokens)
      if (nvidiaTokens.has(t) || CUDA_VERSION_TOKEN.test(t)) return { vendor: 'nvidia', token: t };
    return undefined;
  };
}

/**
 * Code the default build leaves out: a CMake option off by default gates a directory (`add_subdirectory`) or the
 * rest of a CMake file (`if(NOT X) return() endif()`). Findings there are `optional`: the project builds without them.
 */
export interface OptionalCode {
  /** A directory prefix (`lib/`), or one file from `fromLine` on. */
  readonly prefix?: string;
  readonly file?: string;
  readonly fromLine?: number;
  readonly option: string;
  /** The CMake file that declares the option. */
  readonly declaredIn: string;
}

/** What the scan worked out already for these rule sets (`prematch.ts`, path owners). */
export interface MatchedSupport {
  /** Per set, each fact's signal: an index into `SIGNAL_KINDS`. */
  readonly signal: readonly Uint8Array[];
  /** Scanned paths' owners worked out already (null: none); the others are worked out here. */
  readonly owners?: ReadonlyMap<string, PathOwner | null>;
  /** Code only an off-by-default build option builds. */
  readonly optionalCode?: readonly OptionalCode[];
  /** Each scanned file's scope (absent: product). Backend paths and migration imports count in product code only. */
  readonly scopes?: ReadonlyMap<string, Scope>;
}

/**
 * Whether a runtime fact shows the stack in use in its file, rather than only named: an import alone does not
 * (importing torch_npu leaves every torch.cuda call on CUDA; only the migration module redirects them), nor does a
 * device name in a string (`if device == "npu": raise NotImplementedError`).
 */
const usesRuntime = (fact: Fact): boolean =>
  fact.kind !== 'py-string' && !(fact.kind === 'py-ref' && fact.optional !== undefined);

const isPython = (fact: Fact): boolean => fact.kind.startsWith('py-');

/**
 * What `statusOf` depends on besides the fact's file: the rule's category and `byHand`, and whether the fact is
 * Python's. `buildFindings` asks once per file and key.
 */
export const statusKey = (rule: Rule, fact: Fact): string =>
  `${rule.category}${rule.byHand ? '!' : ''}${isPython(fact) ? ':py' : ''}`;

/** The migration module a fact imports or uses, if any (`torch_npu.contrib.transfer_to_npu`). */
const migrationOf = (set: RuleSet, fact: Fact): string | undefined =>
  fact.kind === 'py-ref'
    ? set.support.migration.find((m) => fact.symbol === m || fact.symbol.startsWith(`${m}.`))
    : undefined;

export interface SupportContext {
  readonly signals: readonly SupportSignal[];
  /**
   * target → status of a finding (rule, fact). Depends on the fact's file and its `statusKey` only: `buildFindings`
   * asks once per file and key.
   */
  readonly statusOf: (target: string, rule: Rule, fact: Fact) => { status: PortStatus; reason?: string };
}

/**
 * @param includesOf project headers each file includes (already resolved to project paths)
 * @param matched each fact's signal per set (`prematch.ts`), and path owners the scan worked out already
 */
export function buildSupport(
  sets: readonly RuleSet[],
  facts: readonly Fact[],
  paths: readonly string[],
  includesOf: ReadonlyMap<string, readonly string[]>,
  matched: MatchedSupport,
): SupportContext {
  const signals: SupportSignal[] = [];
  const targetNames = new Set(sets.map((s) => s.target));
  const findOwner = ownerFinder(sets.map((s) => [s.target, s.support.paths] as const));
  const owners = new Map<string, PathOwner | null>(matched.owners);
  const ownerOf = (path: string): PathOwner | undefined => {
    let owner = owners.get(path);
    if (owner === undefined) {
      owner = findOwner(path) ?? null;
      owners.set(path, owner);
    }
    return owner ?? undefined;
  };

  const scopeOf = (file: string): Scope => matched.scopes?.get(file) ?? 'product';
  const runtimeFiles = new Map<string, Set<string>>();
  /** target → the product file that imports its migration module, and the module. */
  const migrated = new Map<string, { readonly file: string; readonly module: string }>();
  const tritonTargets = new Set<string>();
  const pathTargets = new Set<string>();
  sets.forEach((set, s) => {
    const codes = matched.signal[s]!;
    const files = new Set<string>();
    runtimeFiles.set(set.target, files);
    for (let i = 0; i < facts.length; i += 1) {
      const fact = facts[i]!;
      const kind = SIGNAL_KINDS[codes[i]!];
      if (!kind) continue;
      // another vendor's backend code says nothing about this target's support: Habana's accelerator passes
      // backend "hccl" too (its own collective library). NVIDIA-named files are not skipped: HIP compatibility
      // headers often carry CUDA names (vLLM's csrc/cuda_compat.h)
      const owner = ownerOf(fact.file);
      if (owner && owner.vendor !== set.target && owner.vendor !== 'nvidia') continue;
      signals.push({ target: set.target, kind, symbol: fact.symbol, file: fact.file, line: fact.line });
      if (kind !== 'runtime') tritonTargets.add(set.target);
      else {
        const module = migrationOf(set, fact);
        if (module && !migrated.has(set.target) && scopeOf(fact.file) === 'product')
          migrated.set(set.target, { file: fact.file, module });
        if (module || usesRuntime(fact)) files.add(fact.file);
      }
    }
    for (const path of paths) {
      const owner = ownerOf(path);
      // a test named after the stack (tests/test_npu.py) is not a backend
      if (owner?.vendor !== set.target || scopeOf(path) !== 'product') continue;
      pathTargets.add(set.target);
      signals.push({ target: set.target, kind: 'path', symbol: owner.token, file: path, line: 1 });
    }
  });
  // a Triton kernel inside a stack's backend code means the project runs Triton on that stack
  for (const fact of facts) {
    if (fact.symbol !== 'triton.jit' || fact.kind !== 'py-ref') continue;
    const owner = ownerOf(fact.file);
    if (owner && targetNames.has(owner.vendor)) tritonTargets.add(owner.vendor);
  }

  /** Whether a file, or a project header it includes (transitively), calls the target's runtime. */
  const coveredCache = new Map<string, boolean>();
  const covered = (target: string, file: string): boolean => {
    const key = `${target}\u0000${file}`;
    const cached = coveredCache.get(key);
    if (cached !== undefined) return cached;
    coveredCache.set(key, false); // cycles in #include graphs end here
    const files = runtimeFiles.get(target)!;
    let result = files.has(file);
    if (!result) for (const h of includesOf.get(file) ?? []) if (covered(target, h)) result = true;
    coveredCache.set(key, result);
    return result;
  };
  const setsByTarget = new Map(sets.map((s) => [s.target, s] as const));

  const optionalCode = matched.optionalCode ?? [];
  const gatedBy = (fact: Fact): OptionalCode | undefined =>
    optionalCode.find((o) =>
      o.prefix !== undefined
        ? fact.file.startsWith(o.prefix)
        : o.file === fact.file && fact.line >= (o.fromLine ?? 1),
    );

  const statusOf = (target: string, rule: Rule, fact: Fact): { status: PortStatus; reason?: string } => {
    const gated = gatedBy(fact);
    if (gated)
      return {
        status: 'optional',
        reason: `built only with ${gated.option}=ON (off by default in ${gated.declaredIn})`,
      };
    const owner = ownerOf(fact.file);
    if (owner?.vendor === target)
      return { status: 'ported', reason: `in ${target} backend code (${owner.token})` };
    if (owner && owner.vendor !== 'nvidia')
      return { status: 'alternative', reason: `${owner.vendor} backend code, not part of a ${target} port` };
    if (owner?.vendor === 'nvidia' && pathTargets.has(target))
      return {
        status: 'alternative',
        reason: `NVIDIA backend code (${owner.token}); the project has a ${target} backend`,
      };
    const set = setsByTarget.get(target)!;
    if (!rule.byHand && covered(target, fact.file)) {
      if (PLUMBING.has(rule.category) || (set.support.translatesKernels && KERNELS.has(rule.category)))
        return { status: 'ported', reason: `the file already calls the ${target} runtime` };
    }
    const migration = migrated.get(target);
    if (migration && !rule.byHand && isPython(fact) && PLUMBING.has(rule.category))
      return {
        status: 'ported',
        reason: `${migration.file} imports ${migration.module}, which moves the program's CUDA calls to ${target}`,
      };
    if (rule.category === 'triton' && tritonTargets.has(target))
      return { status: 'ported', reason: `the project compiles its Triton kernels for ${target}` };
    return { status: 'left' };
  };
  return { signals, statusOf };
}
