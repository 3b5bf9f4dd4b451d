/**
 * Shared vocabulary of `chipmix port`: what the extractors observe in a codebase (facts), what the
 * per-target rule files say about those observations (rules), and what comes out (findings, summaries).
 *
 * Pipeline: walk files → parse (tree-sitter / TOML / line grammars) → extract facts → evaluate rules
 * (pure) → summarise per target (pure) → format (table, JSON, SARIF, Markdown).
 */

/** The kinds of observation an extractor can report. Every rule matcher reads exactly one kind. */
export type FactKind =
  /** Python: a name resolved through imports to a qualified name, e.g. `torch.cuda.synchronize`. */
  | 'py-ref'
  /** Python: an attribute or method on a value that is not an imported module, e.g. `.cuda()`, `.is_cuda`. */
  | 'py-method'
  /** Python: a string literal used as code data (device names, backends, source files), e.g. `cuda:0`. */
  | 'py-string'
  /** C/C++/CUDA: an `#include` path, e.g. `cublas_v2.h`. */
  | 'c-include'
  /** C/C++/CUDA: an identifier, type or qualified name, e.g. `cudaMalloc`, `at::cuda::getCurrentCUDAStream`. */
  | 'c-symbol'
  /** C/C++/CUDA: constructs with no name: `kernel` (`__global__` definition), `launch` (`<<<…>>>`), `device-fp64`, `inline-asm`, `cuda-source` (a .cu/.cuh file). */
  | 'c-construct'
  /** A package dependency (normalised name) from requirements, pyproject, setup.py or a Dockerfile `pip install`. */
  | 'dependency'
  /** CMake: `find_package(CUDAToolkit)`, `enable_language(CUDA)`, `project(LANGUAGES CUDA)`, `CUDA_ARCHITECTURES`, `CUDA::cublas`. */
  | 'cmake'
  /** Makefile: `nvcc`, CUDA link flags (`-lcublas`), toolkit variables (`CUDA_HOME`). */
  | 'make'
  /** Dockerfile: a base image of a `FROM` line, e.g. `nvidia/cuda:12.1.0-devel-ubuntu22.04`. */
  | 'docker-image'
  /** Environment variables set in code or Dockerfiles (`CUDA_VISIBLE_DEVICES`, `NCCL_*`). */
  | 'env'
  /** Python: a keyword argument of interest in a call, e.g. `fused` in `torch.optim.AdamW(..., fused=True)`. */
  | 'py-kwarg';

/** One observation in one file. Lines and columns are 1-based; columns count UTF-16 code units (SARIF's default). */
export interface Fact {
  readonly kind: FactKind;
  readonly symbol: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /**
   * The device function the fact sits in (a CUDA `__global__`/`__device__` function or a Triton
   * `@triton.jit` function), as its name. For the `kernel` construct and the `triton.jit` decorator it
   * names the kernel itself. Findings inside one kernel are one porting unit (see `units.ts`).
   */
  readonly kernel?: string;
  /** Python: a `.cuda()`-style call inside the project's own method of the same name (the wrapper's body). */
  readonly inOwnWrapper?: boolean;
  /**
   * Set on imports and dependency declarations only: true for an import guarded by `try:` or an `if`
   * (an availability check) and for a dependency declared as an extra, a dependency group or in a
   * dev/test/docs requirements file (the project runs without it); false for a plain import or a
   * required dependency. Absent on every other fact.
   */
  readonly optional?: boolean;
}

/**
 * Where a file sits in the project; the effort headline counts `product` only. `vendored`: third-party code the
 * project carries (`third_party/`, git submodules), replaced by the target's build of it rather than ported.
 */
export const SCOPES = ['product', 'test', 'benchmark', 'example', 'experimental', 'vendored'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a porter counts as one piece of work: a kernel (everything inside it included), a distinct
 * vendor API per file, a dependency (once per project), a build file, a whole file, or each occurrence.
 */
export const UNIT_KINDS = ['kernel', 'api', 'dependency', 'build-target', 'file', 'occurrence'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * Per target: `left` is work still to do; `ported` is already handled for this stack; `alternative`
 * is another vendor's backend code; `optional` is a dependency the project runs without (every
 * import guarded, declared only as an extra): a port can leave it out.
 */
export const STATUSES = ['left', 'ported', 'alternative', 'optional'] as const;
export type PortStatus = (typeof STATUSES)[number];

/** Evidence that the scanned code already targets a stack (an import of torch_npu, a HIP header, a vendor backend directory). */
export interface SupportSignal {
  readonly target: string;
  /** `runtime` (the stack's API or device string), `triton` (the stack's Triton compiler), `path` (a backend directory or file). */
  readonly kind: 'runtime' | 'triton' | 'path';
  readonly symbol: string;
  readonly file: string;
  readonly line: number;
}

export const CATEGORIES = [
  'device-api',
  'amp',
  'collective',
  'vendor-library',
  'custom-kernel',
  'triton',
  'numerics',
  'profiling',
  'cuda-graph',
  'dependency',
  'build',
  'environment',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Ordered from harmless to blocking; `info` means "works as is on this stack, noted for completeness". */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'blocker'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** An engineer-days interval [low, high]. */
export type DaysRange = readonly [number, number];

/**
 * Effort a rule adds once it has findings: `onceDays` for the first finding anywhere (learning the
 * replacement, wiring it up), plus `perFileDays` for each distinct file, plus `perOccurrenceDays` for
 * each finding. Any part may be omitted (= 0).
 */
export interface RuleEffort {
  readonly onceDays?: DaysRange;
  /** Per porting unit (the rule's `unit`); a unit hit by several rules costs its most expensive rule. */
  readonly perUnitDays?: DaysRange;
  /** Legacy (rule files before units): per distinct file with findings. */
  readonly perFileDays?: DaysRange;
  /** Legacy: per finding. */
  readonly perOccurrenceDays?: DaysRange;
}

/** Which facts a rule matches: globs (`*` = any run of characters) per fact kind. */
export type RuleMatch = Partial<Record<FactKind, readonly string[]>>;

export interface Rule {
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  /** What the target stack offers instead. */
  readonly suggestion: string;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly sources: readonly string[];
  readonly match: RuleMatch;
  /** What one unit of work is for this rule (default `api`: a distinct symbol per file). */
  readonly unit: UnitKind;
  readonly effort: RuleEffort;
  /**
   * Still to change by hand where the file already calls the stack's runtime or the project runs the stack's
   * migration tool: the tool's documented restrictions (`backend == "nccl"`, `torch.compile`). Only the stack's own
   * backend code has it handled.
   */
  readonly byHand: boolean;
}

/** How a rule set recognises code that already targets its stack (see `support.ts`). */
export interface SupportSpec {
  readonly sources: readonly string[];
  /** Facts that show the stack's runtime in use (`torch_npu`, `torch.npu.*`, `"npu"`, `aclrt*`, `hip*`). */
  readonly runtime: RuleMatch;
  /** Facts that show the project compiles its Triton kernels for this stack (`triton-ascend`). */
  readonly triton: RuleMatch;
  /** Directory or file-name tokens of this stack's backend code (`ascend`, `npu`, `_ascend`, `ggml-cann`). */
  readonly paths: readonly string[];
  /** The stack compiles CUDA kernels after a mechanical translation (HIP on Hygon DCU). */
  readonly translatesKernels: boolean;
  /**
   * Python modules whose import switches the program's CUDA calls to the stack at run time (Ascend's
   * `torch_npu.contrib.transfer_to_npu`): imported in product code, device plumbing in every Python file is handled.
   */
  readonly migration: readonly string[];
}

export interface RuleSource {
  readonly id: string;
  readonly title: string;
  /** A repository path, a documentation page id, or a URL: where a reader can check the claim. */
  readonly where: string;
}

/** One target stack's rule file, validated. */
export interface RuleSet {
  readonly target: string;
  readonly stack: string;
  readonly version: string;
  /** A fixed extra baseline on top of the calibrated one (0 for the built-in sets; see docs/PORT.md). */
  readonly baselineDays: DaysRange;
  /** Mid-point effort at which readiness is 0.5 (see docs/PORT.md). */
  readonly halfReadinessDays: number;
  readonly assumptions: readonly string[];
  readonly sources: readonly RuleSource[];
  readonly rules: readonly Rule[];
  readonly support: SupportSpec;
  /** Where the rule set came from: `builtin` or a file path. */
  readonly origin: string;
}

/** One rule firing on one fact, for one target. */
export interface Finding {
  readonly target: string;
  readonly ruleId: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly message: string;
  readonly suggestion: string;
  readonly symbol: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly scope: Scope;
  readonly status: PortStatus;
  /** Why the finding is `ported` or `alternative` (absent when `left`). */
  readonly statusReason?: string;
  /** The porting unit the finding belongs to, e.g. `kernel train_gpt2.cu#gelu_forward_kernel`, `api llmc/cublas.cuh cublasLtMatmul`. */
  readonly unit: string;
  readonly unitKind: UnitKind;
}

/** Effort of one scope for one target: units left and ported, engineer-days of what is left. */
export interface ScopeEffort {
  readonly scope: Scope;
  readonly findings: number;
  readonly unitsLeft: number;
  readonly unitsPorted: number;
  /** Calibrated rule effort of the units left (no baseline), engineer-days. */
  readonly findingsEffortDays: DaysRange;
  /** Baseline share plus the midpoint of the findings effort, engineer-days. */
  readonly pointDays: number;
  /** pointDays within the calibrated band (see docs/PORT.md). */
  readonly totalEffortDays: DaysRange;
}

export interface TargetSummary {
  readonly target: string;
  readonly stack: string;
  readonly rulesVersion: string;
  readonly findingCount: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byCategory: Readonly<Partial<Record<Category, number>>>;
  /** Per rule: product findings left, units and its effort contribution. */
  readonly rules: readonly RuleTally[];
  /** Product scope, units left: calibrated rule effort (no baseline), engineer-days. */
  readonly findingsEffortDays: DaysRange;
  /** Product scope: baseline share + midpoint of the findings effort of what is left, engineer-days. */
  readonly pointDays: number;
  /** Product scope: pointDays within the calibrated band, engineer-days. */
  readonly totalEffortDays: DaysRange;
  /** In (0, 1]: halfReadinessDays / (halfReadinessDays + midpoint of findingsEffortDays). */
  readonly readiness: number;
  /** Effort per scope; the headline figures above are the `product` row. */
  readonly scopes: readonly ScopeEffort[];
  /** Units per kind, product scope, left. */
  readonly unitsLeftByKind: Readonly<Partial<Record<UnitKind, number>>>;
  /** What already targets this stack: signal counts by kind, and the first few signals. */
  readonly support: {
    readonly detected: boolean;
    readonly signals: Readonly<Partial<Record<SupportSignal['kind'], number>>>;
    readonly examples: readonly SupportSignal[];
  };
  /** Product findings already handled (ported or another vendor's backend) and left. */
  readonly productFindings: {
    readonly left: number;
    readonly ported: number;
    readonly alternative: number;
    readonly optional: number;
  };
  readonly assumptions: readonly string[];
}

export interface RuleTally {
  readonly ruleId: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly unit: UnitKind;
  /** Product findings left. */
  readonly findings: number;
  /** Product units left where this rule is the costliest (the unit's effort is charged to it). */
  readonly units: number;
  readonly effortDays: DaysRange;
}

export interface ScanStats {
  readonly filesSeen: number;
  readonly filesParsed: number;
  readonly linesSeen: number;
  /** Lines of Python/C/C++/CUDA source in product scope: what the baseline scales with. */
  readonly productSourceLines: number;
  /** Files per scope (all kinds). */
  readonly filesByScope: Readonly<Partial<Record<Scope, number>>>;
  /** Facts dropped because they name the project's own definitions (macros, functions, packages...). */
  readonly ownFactsDropped: number;
  readonly threads: number;
  readonly seconds: number;
}

/** Everything a formatter needs. */
export interface PortReport {
  readonly root: string;
  readonly targets: readonly string[];
  readonly findings: readonly Finding[];
  readonly summaries: readonly TargetSummary[];
  readonly ruleSets: readonly RuleSet[];
  readonly support: readonly SupportSignal[];
  readonly stats: ScanStats;
  /** Files that could not be read or parsed, one line each. */
  readonly warnings: readonly string[];
}
