/**
 * Scans of the fixture projects: the project's own identifiers, scopes and exclusions, existing
 * support for a stack, optional dependencies (test/fixtures/port/{own-code,scoped,supported}).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readPortConfig } from './config';
import { builtinRuleSets } from './rules/index';
import { scanDirectory } from './scan';
import { conventionalScope, submodulePaths } from './scope';
import type { PortReport } from './types';

const FIXTURES = 'test/fixtures/port';
const scan = async (dir: string, extra: Parameters<typeof scanDirectory>[2] = {}) => {
  const config = readPortConfig(`${FIXTURES}/${dir}`);
  if (!config.ok) throw new Error('fixture config');
  return scanDirectory(`${FIXTURES}/${dir}`, builtinRuleSets(), {
    exclude: [...config.value.exclude, ...(extra.exclude ?? [])],
    scopes: [...config.value.scopes, ...(extra.scopes ?? [])],
    gitignore: config.value.gitignore,
  });
};
const ascend = (r: PortReport) => r.findings.filter((f) => f.target === 'ascend');

describe("the project's own code is not vendor API", () => {
  let report: PortReport;
  beforeAll(async () => {
    report = await scan('own-code');
  });

  it('ignores its macros, include guards, functions, variables and headers named like CUDA', () => {
    const symbols = new Set(ascend(report).map((f) => f.symbol));
    for (const own of [
      'cudaCheck',
      'cublasCheck',
      'cuda_check_impl',
      'cublas_handle',
      'CUDA_COMMON_H',
      'CUBLAS_COMMON_H',
      'cublas_common.h',
      'cuda_ops',
      'cuda_ops.kernels',
    ])
      expect(symbols.has(own), own).toBe(false);
    expect(report.stats.ownFactsDropped).toBeGreaterThanOrEqual(10);
  });

  it('follows a wrapper to the vendor call once: cudaCheck(cudaMalloc(...)) is one cudaMalloc', () => {
    const count = (s: string) => ascend(report).filter((f) => f.symbol === s).length;
    expect(count('cudaMalloc')).toBe(3); // three calls, each once
    expect(count('cudaGetErrorString')).toBe(1); // inside the wrapper's body, where it is defined
    expect(count('cublasSgemm')).toBe(1);
    // the own `def cuda(self)` is not Tensor.cuda; the tensor call inside it is
    const cudaCalls = ascend(report).filter((f) => f.symbol === '.cuda()');
    expect(cudaCalls.map((f) => `${f.file}:${f.line}`)).toEqual(['train.py:13']);
  });

  it('counts a Triton kernel and everything inside it as one unit', () => {
    const inKernel = ascend(report).filter(
      (f) => f.file === 'cuda_ops/kernels.py' && f.line >= 6 && f.line <= 13,
    );
    expect(inKernel.length).toBeGreaterThan(8);
    expect(new Set(inKernel.map((f) => f.unit))).toEqual(new Set(['kernel cuda_ops/kernels.py#add_kernel']));
    const s = report.summaries.find((x) => x.target === 'ascend')!;
    expect(s.unitsLeftByKind.kernel).toBe(2); // add_kernel and gelu_kernel
  });

  it('marks a dependency imported only under try/except and declared as an extra as optional', () => {
    const flash = ascend(report).filter((f) => f.ruleId === 'dep-flash-attn');
    expect(flash.length).toBe(2);
    expect(flash.every((f) => f.status === 'optional')).toBe(true);
  });
});

describe('recall of NVIDIA-only constructs a review found unflagged', () => {
  it('NVRTC, the driver API (CUmodule, cuTensorMap*), nvidia-smi, numba.cuda, cuda-python, CUDA-only packages', async () => {
    const found = new Set(ascend(await scan('recall-more')).map((f) => `${f.ruleId} ${f.symbol}`));
    for (const expected of [
      'cuda-runtime-api nvrtc.h',
      'cuda-runtime-api nvrtcCreateProgram',
      'cuda-runtime-api CUmodule',
      'cuda-runtime-api CUfunction',
      'cuda-runtime-api cuTensorMapEncodeTiled',
      'nvml nvidia-smi',
      'dep-nvidia-wheels numba.cuda',
      'dep-nvidia-wheels cuda.cudart',
      'dep-flash-attn flash_attn_interface',
      'dep-cuda-kernel-libs sgl_kernel',
      'dep-vllm vllm',
      'cuda-env PYTORCH_CUDA_ALLOC_CONF',
      'torch-cuda-api torch.version.cuda',
    ])
      expect(found.has(expected), `${expected} in ${[...found].join(', ')}`).toBe(true);
  });
});

describe("the project's own C++ members and snake_case functions", () => {
  it('ignores a method defined out of class (Engine::cudaSync), declared in its class, and cuda_* functions', async () => {
    const found = ascend(await scan('own-members')).map((f) => `${f.file}:${f.line} ${f.symbol}`);
    // only the real runtime call is left
    expect(found).toEqual(['engine.cpp:7 cudaMalloc']);
  });
});

describe('scope and exclusion', () => {
  it('reads git submodule paths as vendored code', () => {
    expect(
      submodulePaths(
        '[submodule "a"]\n\tpath = csrc/cutlass\n\turl = x\n[submodule "b"]\n  path=./third/../x/\n',
      ),
    ).toEqual(['csrc/cutlass']);
    expect(submodulePaths('[submodule "c"]\n path = deps/fmt/\n')).toEqual(['deps/fmt']);
  });

  it('gives each finding its scope from conventional names and the config file', async () => {
    const report = await scan('scoped');
    const scopeOf = (file: string) => ascend(report).find((f) => f.file === file)?.scope;
    expect(scopeOf('src/model.py')).toBe('product');
    expect(scopeOf('tests/test_model.py')).toBe('test');
    expect(scopeOf('benchmarks/bench_model.py')).toBe('benchmark');
    expect(scopeOf('examples/demo.py')).toBe('example');
    expect(scopeOf('dev/variant.cu')).toBe('experimental');
    expect(scopeOf('scratch_notes/try.py')).toBe('experimental'); // .chipmix-port.yaml
    expect(scopeOf('csrc/cutlass/gemm.cu')).toBe('vendored'); // a git submodule (.gitmodules)
    expect(scopeOf('external/stream.cu')).toBe('vendored');
    const files = new Set(report.findings.map((f) => f.file));
    expect(files.has('third_party/vendored.cu')).toBe(false); // config exclude
    expect(files.has('build/generated.py')).toBe(false); // .gitignore
    const s = report.summaries.find((x) => x.target === 'ascend')!;
    expect(s.findingCount).toBe(2); // the headline counts product only
    expect(s.scopes.map((e) => e.scope)).toEqual([
      'product',
      'test',
      'benchmark',
      'example',
      'experimental',
      'vendored',
    ]);
    // vendored lines do not count in the product size that scales the baseline
    expect(s.scopes.find((e) => e.scope === 'vendored')?.unitsLeft).toBeGreaterThan(0);
  });

  it('scopes a C or C++ header by its directory only: its name says nothing (the autotuner gemm_test.h)', () => {
    expect(conventionalScope('csrc/includes/gemm_test.h')).toBe('product');
    expect(conventionalScope('csrc/gemm_test.cc')).toBe('test');
    expect(conventionalScope('tests/helpers.h')).toBe('test');
    // vendored third-party trees under dependencies/ or deps/ (tiny-cuda-nn's json, catch2, pybind11_json)
    expect(conventionalScope('dependencies/json/json.hpp')).toBe('vendored');
    expect(conventionalScope('deps/catch2/catch.hpp')).toBe('vendored');
  });

  it('honours --exclude and --scope overrides', async () => {
    const report = await scan('scoped', {
      exclude: ['examples/'],
      scopes: [{ scope: 'product', pattern: 'dev/variant.cu' }],
    });
    const files = new Set(report.findings.map((f) => f.file));
    expect(files.has('examples/demo.py')).toBe(false);
    expect(ascend(report).find((f) => f.file === 'dev/variant.cu')?.scope).toBe('product');
  });

  it('reads .gitignore unless told not to', async () => {
    const report = await scanDirectory(`${FIXTURES}/scoped`, builtinRuleSets(), { gitignore: false });
    expect(report.findings.some((f) => f.file === 'build/generated.py')).toBe(true);
  });
});

describe('existing domestic support', () => {
  let report: PortReport;
  beforeAll(async () => {
    report = await scan('supported');
  });
  const status = (target: string, file: string, rule: string) =>
    report.findings.find((f) => f.target === target && f.file === file && f.ruleId === rule)?.status;

  it('detects each stack from its runtime, its Triton compiler and its backend directories', () => {
    const s = Object.fromEntries(report.summaries.map((x) => [x.target, x.support]));
    expect(s.ascend!.signals).toMatchObject({ runtime: 3, triton: 1, path: 1 });
    expect(s.hygon!.signals.runtime).toBeGreaterThan(0); // hip/hip_runtime.h, USE_ROCM
    expect(s.cambricon!.signals).toEqual({ path: 1 });
    expect(s.kunlunxin!.detected).toBe(false);
  });

  it('reports what is already ported per stack and what is left', () => {
    // a dispatch branch in the file: handled for Ascend, still to do elsewhere
    expect(status('ascend', 'ops/device.py', 'torch-cuda-api')).toBe('ported');
    expect(status('cambricon', 'ops/device.py', 'torch-cuda-api')).toBe('left');
    expect(status('ascend', 'ops/train.py', 'cuda-amp')).toBe('left');
    // Triton kernels compile for Ascend here (triton-ascend, an _ascend backend with kernels)
    expect(status('ascend', 'kernels/add.py', 'triton-kernel')).toBe('ported');
    expect(status('cambricon', 'kernels/add.py', 'triton-kernel')).toBe('left');
    // another vendor's backend is never part of a port; a stack's own backend is ported
    expect(status('ascend', 'backend/_cambricon/ops.py', 'torch-cuda-api')).toBe('alternative');
    expect(status('cambricon', 'backend/_cambricon/ops.py', 'torch-cuda-api')).toBe('ported');
    // Habana's and Tecorigin's accelerators are other vendors' code; Habana's "hccl" is not Ascend support
    expect(status('ascend', 'accelerator/hpu_accelerator.py', 'torch-cuda-api')).toBe('alternative');
    expect(status('kunlunxin', 'accelerator/sdaa_accelerator.py', 'torch-cuda-api')).toBe('alternative');
    expect(report.support.some((e) => e.target === 'ascend' && e.file.startsWith('accelerator/'))).toBe(
      false,
    );
    // the same through a CUDA-named compatibility header (vLLM's csrc/cuda_compat.h): NVIDIA's name, HIP's support
    expect(status('hygon', 'compat/ops.cu', 'cuda-kernel')).toBe('ported');
    // HIP compatibility macros in an included header: the CUDA file builds for HIP (kernels too)
    expect(status('hygon', 'csrc/ops.cu', 'cuda-kernel')).toBe('ported');
    expect(status('hygon', 'csrc/ops.cu', 'cuda-runtime-api')).toBe('ported');
    expect(status('ascend', 'csrc/ops.cu', 'cuda-kernel')).toBe('left');
    // code only an off-by-default CMake option builds is optional: the project builds without it
    expect(status('ascend', 'ext/fast.cu', 'cuda-kernel')).toBe('optional');
    expect(status('ascend', 'CMakeLists.txt', 'cmake-cuda')).toBe('optional');
    // a dev requirements file lists what the project runs without
    expect(status('ascend', 'requirements-dev.txt', 'dep-xformers')).toBe('optional');
  });

  it("keeps another target's backend that target's code when only some targets are scanned", async () => {
    const sets = builtinRuleSets();
    const ascendOnly = sets.filter((s) => s.target === 'ascend');
    const root = `${FIXTURES}/supported`;
    const alone = await scanDirectory(root, ascendOnly, { knownRuleSets: sets });
    const find = (r: PortReport) =>
      r.findings.find((f) => f.file === 'backend/_cambricon/ops.py' && f.ruleId === 'torch-cuda-api')?.status;
    expect(find(alone)).toBe('alternative');
    expect(alone.summaries[0]).toEqual(report.summaries.find((x) => x.target === 'ascend'));
  });

  it('computes readiness and effort from what is left', () => {
    const s = Object.fromEntries(report.summaries.map((x) => [x.target, x]));
    expect(s.ascend!.productFindings.ported).toBeGreaterThan(0);
    expect(s.ascend!.readiness).toBeGreaterThan(s.cambricon!.readiness);
    expect(s.ascend!.pointDays).toBeLessThan(s.cambricon!.pointDays);
  });
});

describe('what counts as existing support (test/fixtures/port/support-evidence)', () => {
  const statuses = async (dir: string) => {
    const report = await scan(`support-evidence/${dir}`);
    return ascend(report).map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.status}`);
  };

  it('a device name in a string is a signal, not support: the CUDA calls beside `"npu": raise` are left', async () => {
    const found = await statuses('named-only');
    expect(found).toHaveLength(5);
    for (const line of found) expect(line).toMatch(/ left$/);
  });

  it('importing torch_npu alone leaves torch.cuda on CUDA', async () => {
    expect(await statuses('import-only')).toEqual(['t.py:7 torch-cuda-api left']);
  });

  it("transfer_to_npu in product code handles every Python file's plumbing, never its documented restrictions", async () => {
    expect(await statuses('migrated')).toEqual([
      'proj/main.py:7 torch-cuda-api ported',
      'proj/main.py:8 torch-compile left',
      'proj/model.py:5 torch-cuda-api ported',
      'proj/model.py:6 cuda-amp ported',
    ]);
  });

  it('a test named after the stack is not a backend: NVIDIA-named code stays left', async () => {
    const report = await scan('support-evidence/test-named');
    expect(ascend(report).map((f) => f.status)).toEqual(['left']);
    expect(report.summaries.find((s) => s.target === 'ascend')!.support.detected).toBe(false);
  });
});

describe('effort of what there is to port', () => {
  it('is zero for a codebase with nothing to port (it was 0.4 days for an empty tree)', async () => {
    const s = (await scan('nothing-to-port')).summaries.find((x) => x.target === 'ascend')!;
    expect(s.findingCount).toBe(0);
    expect(s.pointDays).toBe(0);
    expect(s.totalEffortDays).toEqual([0, 0]);
  });

  it('counts an imported JIT extension call once: the import and its call are one occurrence', async () => {
    const s = (await scan('jit-import')).summaries.find((x) => x.target === 'ascend')!;
    expect(s.unitsLeftByKind).toEqual({ occurrence: 1 });
  });
});

describe("a requirements/ directory's feature files", () => {
  it('are extras the project runs without (requirements/fp8-te.txt); its base file is required', async () => {
    const status = (rule: string) => ascend(report).find((f) => f.ruleId === rule)?.status;
    const report = await scan('feature-requirements');
    expect(status('dep-transformer-engine')).toBe('optional');
    expect(status('dep-flash-attn')).toBe('left');
  });
});

describe('build and environment files', () => {
  it('reads conda environments, setup.cfg and CMake that checks for CUDA or links NVIDIA libraries by name', async () => {
    const report = await scan('build-recall');
    const found = ascend(report).map((f) => `${f.file}:${f.line}:${f.ruleId}:${f.status}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'environment.yml:6:dep-nvidia-wheels:left',
        'setup.cfg:8:dep-xformers:left',
        'setup.cfg:10:dep-nvidia-wheels:left',
        'setup.cfg:13:dep-flash-attn:optional',
        'CMakeLists.txt:4:cmake-cuda:left',
        'CMakeLists.txt:6:cmake-cuda:left',
      ]),
    );
    // a docs theme is not an NVIDIA runtime wheel
    expect(found.filter((f) => f.startsWith('setup.cfg:9:'))).toEqual([]);
  });
});
