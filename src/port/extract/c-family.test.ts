import { beforeAll, describe, expect, it } from 'vitest';
import { buildInterest } from '../evaluate';
import { loadParsers, type Parsers } from '../parsers';
import { builtinRuleSets } from '../rules/index';
import type { Fact } from '../types';
import { buildCScanner, extractCFamily } from './c-family';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function symbols(source: string, cudaSource = true): string[] {
  const interest = buildInterest(builtinRuleSets());
  const tree = parsers.cFamily.parse(source)!;
  const out: Fact[] = [];
  extractCFamily(tree, source, { file: 'k.cu', cudaSource }, buildCScanner(interest), out);
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  tree.delete();
  return out.map((f) => `${f.line}:${f.column}:${f.kind}:${f.symbol}`);
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

  it('ignores comments, strings and macro bodies', () => {
    const src = [
      '// cudaMalloc(&p, 4);',
      '/* __global__ void k(); cublasCreate(&h); */',
      'const char* s = "cudaFree";',
      '#define ALLOC(p) cudaMalloc(p, 4)',
      'int main() { return 0; }',
    ].join('\n');
    expect(symbols(src, false)).toEqual([]);
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
