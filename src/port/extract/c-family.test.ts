import { beforeAll, describe, expect, it } from 'vitest';
import { buildInterest } from '../evaluate';
import { loadParsers, type Parsers } from '../parsers';
import { builtinRuleSets } from '../rules/index';
import type { Fact } from '../types';
import { buildCScanner, type CFileExtras, extractCFamily } from './c-family';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function extract(source: string, cudaSource = true): { facts: Fact[]; extras: CFileExtras } {
  const interest = buildInterest(builtinRuleSets());
  const tree = parsers.cFamily.parse(source)!;
  const facts: Fact[] = [];
  const extras: CFileExtras = { defs: [], includes: [] };
  extractCFamily(tree, source, { file: 'k.cu', cudaSource }, buildCScanner(interest), facts, extras);
  facts.sort((a, b) => a.line - b.line || a.column - b.column);
  tree.delete();
  return { facts, extras };
}

function symbols(source: string, cudaSource = true): string[] {
  return extract(source, cudaSource).facts.map((f) => `${f.line}:${f.column}:${f.kind}:${f.symbol}`);
}

describe('C/C++/CUDA extraction', () => {
  it('finds includes, kernels, launches and runtime calls', () => {
    const src = [
      '#include <cuda_runtime.h>',
      '#include "cublas_v2.h"',
      '__global__ void k(float* x) { x[threadIdx.x] = 0; }',
      'void run(float* x) { k<<<1, 32>>>(x); cudaDeviceSynchronize(); }',
    ].join('\n');
    expect(symbols(src)).toEqual([
      '1:1:c-construct:cuda-source',
      '1:10:c-include:cuda_runtime.h',
      '2:10:c-include:cublas_v2.h',
      '3:1:c-construct:kernel',
      '4:23:c-construct:launch',
      '4:39:c-symbol:cudaDeviceSynchronize',
    ]);
  });

  it('ignores comments and strings; reads a macro body once, where it is defined', () => {
    const src = [
      '// cudaMalloc(&p, 4);',
      '/* __global__ void k(); cublasCreate(&h); */',
      'const char* s = "cudaFree";',
      '#define ALLOC(p) cudaMalloc(p, 4)',
      'int main() { void* q; ALLOC(&q); ALLOC(&q); return 0; }',
    ].join('\n');
    expect(symbols(src, false)).toEqual(['4:18:c-symbol:cudaMalloc']);
  });

  it("reports the project's own definitions instead of facts: macros, guards, functions, variables, types", () => {
    const src = [
      '#ifndef CUBLAS_COMMON_H',
      '#define CUBLAS_COMMON_H',
      '#define cudaCheck(err) (cudaCheckImpl(err, __FILE__, __LINE__))',
      'void cudaCheckImpl(cudaError_t error, const char* file, int line) {',
      '  if (error != cudaSuccess) printf("%s", cudaGetErrorString(error));',
      '}',
      'cublasHandle_t cublas_handle;',
      'static ncclUniqueId nccl_id;',
      'typedef struct { int cudnn_workspace; } cudnnState;',
      'enum { CUBLAS_LOWP_MODE = 1 };',
      'void run(cudaStream_t cuda_stream);',
      'void run2(cudaStream_t cuda_stream2) { cudaCheck(cudaMalloc(0, 4)); }',
      '#define cudaFree hipFree',
      '#endif',
    ].join('\n');
    const { facts, extras } = extract(src, false);
    expect(new Set(extras.defs)).toEqual(
      new Set([
        'CUBLAS_COMMON_H',
        'cudaCheck',
        'cudaCheckImpl',
        'cudnnState',
        'CUBLAS_LOWP_MODE',
        'cuda_stream', // a parameter of a prototype is still a name the project chose
        'cuda_stream2',
        // snake_case names, never vendor API, are recorded as definitions too (a macro may wrap them)
        'cublas_handle',
        'nccl_id',
        'cudnn_workspace',
      ]),
    );
    const names = facts.map((f) => f.symbol);
    // vendor API stays, each use once: the wrapper's body, the wrapped call
    expect(names).toEqual(
      expect.arrayContaining([
        'cudaError_t',
        'cudaSuccess',
        'cudaGetErrorString',
        'cublasHandle_t',
        'cudaMalloc',
      ]),
    );
    // snake_case names after a cuBLAS/cuDNN/NCCL prefix are never vendor API: neither facts nor needed as definitions
    for (const own of ['cublas_handle', 'nccl_id', 'cudnn_workspace']) expect(names).not.toContain(own);
    // a compatibility alias (`#define cudaFree hipFree`) is not the project's own name
    expect(extras.defs).not.toContain('cudaFree');
    expect(names).toContain('hipFree');
    // uses of own names are still facts here; the scan drops them once every file's definitions are known
    expect(names.filter((n) => n === 'cudaCheck')).toHaveLength(1);
    expect(names).not.toContain('CUBLAS_COMMON_H'.toLowerCase());
  });

  it('assigns facts inside __global__ and __device__ functions to that kernel', () => {
    const src = [
      '__device__ float warp_sum(float v) { return __shfl_xor_sync(0xffffffff, v, 1); }',
      '__global__ void reduce(float* x) { x[0] = warp_sum(x[0]); __syncwarp(); }',
      'void host() { reduce<<<1, 32>>>(0); cudaDeviceSynchronize(); }',
    ].join('\n');
    const { facts } = extract(src);
    const by = (symbol: string) => facts.filter((f) => f.symbol === symbol).map((f) => f.kernel);
    expect(by('__shfl_xor_sync')).toEqual(['warp_sum']);
    expect(by('__syncwarp')).toEqual(['reduce']);
    expect(by('kernel')).toEqual(['reduce']);
    expect(by('cudaDeviceSynchronize')).toEqual([undefined]);
  });

  it('flags double only inside __global__/__device__ functions', () => {
    const src = [
      'double host(double x) { return x; }',
      '__device__ double dev(float v) { return v; }',
      '__global__ void k(float* o) { double acc = 0; o[0] = acc; }',
    ].join('\n');
    const fp64 = symbols(src, false).filter((s) => s.endsWith('device-fp64'));
    expect(fp64).toEqual(['2:12:c-construct:device-fp64', '3:31:c-construct:device-fp64']);
  });

  it("counts a template's specialisations as one kernel", () => {
    const src = [
      'template <int N> __device__ void load_global(void* d, const void* s);',
      'template <> __device__ void load_global<16>(void* d, const void* s) { __syncwarp(); }',
      'template <> __device__ void load_global<8>(void* d, const void* s) { __syncwarp(); }',
    ].join('\n');
    const kernels = extract(src)
      .facts.filter((f) => f.symbol === '__syncwarp')
      .map((f) => f.kernel);
    expect(kernels).toEqual(['load_global', 'load_global']);
    // only trailing template arguments go: a member of a class template keeps its name
    const member = 'template <typename T> __device__ void R<T>::a() { __syncwarp(); }';
    expect(extract(member).facts.find((f) => f.symbol === '__syncwarp')?.kernel).toBe('R<T>::a');
  });

  it('skips inline PTX that has a portable fallback in the other branch of its #if', () => {
    const guarded = [
      '__device__ unsigned lane() {',
      '#ifdef PTX_AVAILABLE',
      '  unsigned l; asm volatile("mov.u32 %0, %%laneid;" : "=r"(l)); return l;',
      '#else',
      '  return threadIdx.x & 31;',
      '#endif',
      '}',
    ].join('\n');
    expect(symbols(guarded, false).filter((s) => s.endsWith('inline-asm'))).toEqual([]);
    // one assembly per architecture: no portable path, still work to port
    const perArch = [
      '__device__ unsigned f(unsigned x) {',
      '#if __CUDA_ARCH__ >= 800',
      '  asm volatile("prmt.b32 %0, %0, 0, 0x3210;" : "+r"(x));',
      '#else',
      '  asm volatile("mov.b32 %0, %0;" : "+r"(x));',
      '#endif',
      '  return x;',
      '}',
    ].join('\n');
    expect(symbols(perArch, false).filter((s) => s.endsWith('inline-asm'))).toHaveLength(2);
    // an #if / #elif chain ending in a plain #else: every assembly branch has the fallback
    const chain = [
      '__device__ unsigned g(unsigned x) {',
      '#if defined(SM90)',
      '  asm volatile("mov.b32 %0, %0;" : "+r"(x));',
      '#elif defined(SM80)',
      '  asm volatile("mov.b32 %0, %0;" : "+r"(x));',
      '#else',
      '  x = x + 0;',
      '#endif',
      '  return x;',
      '}',
    ].join('\n');
    expect(symbols(chain, false).filter((s) => s.endsWith('inline-asm'))).toEqual([]);
    // no fallback: an empty #else, an error stub, the host half of a __CUDA_ARCH__ split
    for (const other of ['', '  CUTE_INVALID_CONTROL_PATH("needs SM90");', '  x = 1;']) {
      const guard = other === '  x = 1;' ? '#ifdef __CUDA_ARCH__' : '#if defined(SM90_ENABLED)';
      const src = [
        '__device__ unsigned h(unsigned x) {',
        guard,
        '  asm volatile("mov.b32 %0, %0;" : "+r"(x));',
        '#else',
        other,
        '#endif',
        '  return x;',
        '}',
      ].join('\n');
      expect(
        symbols(src, false).filter((s) => s.endsWith('inline-asm')),
        other || 'empty',
      ).toHaveLength(1);
    }
  });

  it("reads a vendor-prefixed snake_case name as the project's own (cuBLAS, cuDNN and NCCL are camelCase)", () => {
    const src = 'int f(cublasHandle_t h) { cublasSetStream(h, 0); return cublas_gemm_ex(h, CUBLAS_OP_N); }';
    const got = symbols(src, false).filter((s) => s.includes('c-symbol'));
    expect(got.map((s) => s.split(':').pop())).toEqual(['cublasHandle_t', 'cublasSetStream', 'CUBLAS_OP_N']);
  });

  it('reads qualified names and inline PTX', () => {
    const src = [
      '__device__ unsigned lane() { unsigned l; asm volatile("mov.u32 %0, %%laneid;" : "=r"(l)); return l; }',
      'void f() { auto s = at::cuda::getCurrentCUDAStream(); thrust::device_vector<float> v(4); }',
    ].join('\n');
    const got = symbols(src, false);
    expect(got).toContain('1:42:c-construct:inline-asm');
    expect(got).toContain('2:21:c-symbol:at::cuda::getCurrentCUDAStream');
    expect(got).toContain('2:55:c-symbol:thrust::device_vector');
  });
});
