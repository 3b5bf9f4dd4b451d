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
  /** Dockerfile: a base image of a `FROM` line, e.g. `nvidia/cuda:12.1.0-devel-ubuntu22.04`. */
  | 'docker-image'
  /** Environment variables set in code or Dockerfiles (`CUDA_VISIBLE_DEVICES`, `NCCL_*`). */
  | 'env';

/** One observation in one file. Lines and columns are 1-based; columns count UTF-16 code units (SARIF's default). */
export interface Fact {
  readonly kind: FactKind;
  readonly symbol: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
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
  readonly perFileDays?: DaysRange;
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
  readonly effort: RuleEffort;
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
  /** Effort of any port to this stack, findings or not (environment, accuracy validation). */
  readonly baselineDays: DaysRange;
  /** Mid-point effort at which readiness is 0.5 (see docs/PORT.md). */
  readonly halfReadinessDays: number;
  readonly assumptions: readonly string[];
  readonly sources: readonly RuleSource[];
  readonly rules: readonly Rule[];
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
}

export interface TargetSummary {
  readonly target: string;
  readonly stack: string;
  readonly rulesVersion: string;
  readonly findingCount: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byCategory: Readonly<Partial<Record<Category, number>>>;
  /** Per rule: findings, files and its effort contribution. */
  readonly rules: readonly RuleTally[];
  /** Findings effort only (no baseline), engineer-days. */
  readonly findingsEffortDays: DaysRange;
  /** Baseline plus findings effort, engineer-days. */
  readonly totalEffortDays: DaysRange;
  /** In (0, 1]: halfReadinessDays / (halfReadinessDays + midpoint of findingsEffortDays). */
  readonly readiness: number;
  readonly assumptions: readonly string[];
}

export interface RuleTally {
  readonly ruleId: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly findings: number;
  readonly files: number;
  readonly effortDays: DaysRange;
}

export interface ScanStats {
  readonly filesSeen: number;
  readonly filesParsed: number;
  readonly linesSeen: number;
  readonly seconds: number;
}

/** Everything a formatter needs. */
export interface PortReport {
  readonly root: string;
  readonly targets: readonly string[];
  readonly findings: readonly Finding[];
  readonly summaries: readonly TargetSummary[];
  readonly ruleSets: readonly RuleSet[];
  readonly stats: ScanStats;
  /** Files that could not be read or parsed, one line each. */
  readonly warnings: readonly string[];
}
