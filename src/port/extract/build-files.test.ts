import { describe, expect, it } from 'vitest';
import type { Fact } from '../types';
import { extractCmake, optionalBuild, parseCmake } from './cmake';
import { extractCondaEnvironment } from './conda';
import { extractDockerfile } from './dockerfile';
import { extractMakefile } from './makefile';
import { extractPyproject } from './pyproject';
import { extractRequirements, parseRequirementName } from './requirements';
import { extractSetupCfg } from './setup-cfg';

const run = (fn: (text: string, file: string, out: Fact[]) => void, text: string) => {
  const out: Fact[] = [];
  fn(text, 'f', out);
  return out.map((f) => `${f.line}:${f.column}:${f.kind}:${f.symbol}`);
};

describe('requirements', () => {
  it('normalises names and spots CUDA wheel indexes', () => {
    const text = [
      '# a comment with flash-attn',
      '--extra-index-url https://download.pytorch.org/whl/cu121',
      'Flash_Attn>=2.5 ; platform_system=="Linux"  # fused',
      'torch==2.3.0+cu121',
      'apex @ git+https://github.com/NVIDIA/apex',
      '-r other.txt',
    ].join('\n');
    expect(run(extractRequirements, text)).toEqual([
      '2:1:dependency:pytorch-cuda-index',
      '3:1:dependency:flash-attn',
      '4:1:dependency:torch',
      '4:1:dependency:pytorch-cuda-index',
      '5:1:dependency:apex',
    ]);
    expect(parseRequirementName('xformers[extra]==0.0.23')).toBe('xformers');
  });
});

describe('pyproject.toml', () => {
  it('reads PEP 621, build-system and Poetry dependencies with positions', () => {
    const text = [
      '[build-system]',
      'requires = ["setuptools", "torch"]',
      '[project]',
      'dependencies = ["bitsandbytes>=0.43", "numpy"]',
      '[project.optional-dependencies]',
      'fast = ["triton"]',
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'cupy-cuda12x = "*"',
    ].join('\n');
    const got = run(extractPyproject, text);
    expect(got).toContain('4:18:dependency:bitsandbytes');
    expect(got).toContain('6:10:dependency:triton');
    expect(got).toContain('9:1:dependency:cupy-cuda12x');
    expect(got.some((s) => s.endsWith(':python'))).toBe(false);
  });

  it('rejects malformed TOML', () => {
    expect(() => run(extractPyproject, '[project\nname = ')).toThrow();
  });
});

describe('conda environment', () => {
  it('reads conda match specs with channels and the pip list, and marks a dev environment optional', () => {
    const text = [
      'name: demo',
      'channels: [pytorch, nvidia]',
      'dependencies:',
      '  - python=3.10',
      '  - pytorch::pytorch=2.3',
      '  - pytorch-cuda=12.1',
      '  - conda-forge::nccl>=2.18',
      '  - pip:',
      '      - flash-attn==2.5.8',
      '      - "# not a package"',
    ].join('\n');
    expect(run(extractCondaEnvironment, text)).toEqual([
      '5:5:dependency:pytorch',
      '6:5:dependency:pytorch-cuda',
      '7:5:dependency:nccl',
      '9:9:dependency:flash-attn',
    ]);
    const out: Fact[] = [];
    extractCondaEnvironment('dependencies:\n  - cudatoolkit\n', 'environment-dev.yml', out);
    expect(out.map((f) => f.optional)).toEqual([true]);
  });

  it('reads CUDA builds: a build string, the cuda metapackage, and a CUDA wheel index or label in the pip list', () => {
    const text = [
      'dependencies:',
      '  - pytorch=2.1.0=py3.10_cuda12.1_cudnn8.9.2_0',
      '  - cuda=12.1',
      '  - pip:',
      '      - --extra-index-url https://download.pytorch.org/whl/cu121',
      '      - torch==2.1.0+cu121',
    ].join('\n');
    expect(run(extractCondaEnvironment, text)).toEqual([
      '2:5:dependency:pytorch',
      '2:5:dependency:pytorch-cuda-index',
      '3:5:dependency:cuda',
      '5:9:dependency:pytorch-cuda-index',
      '6:9:dependency:torch',
      '6:9:dependency:pytorch-cuda-index',
    ]);
  });

  it('refuses aliases (a bomb is one alias away) and malformed YAML with the parser error', () => {
    const bomb = ['a: &a [x, x]', 'b: &b [*a, *a]', 'c: &c [*b, *b]', 'dependencies: [*c]'].join('\n');
    expect(() => run(extractCondaEnvironment, bomb)).toThrow();
    expect(() => run(extractCondaEnvironment, 'dependencies: [a\n')).toThrow();
  });
});

describe('setup.cfg', () => {
  it('reads install_requires (required) and extras_require (optional) with continuation lines', () => {
    const text = [
      '[metadata]',
      'name = demo',
      'install_requires = numpy',
      '[options]',
      'install_requires =',
      '    torch>=2.1',
      '    # a comment',
      '    triton; platform_system == "Linux"',
      'packages = find:',
      '[options.extras_require]',
      'fast = flash-attn>=2',
    ].join('\n');
    const out: Fact[] = [];
    extractSetupCfg(text, 'setup.cfg', out);
    expect(out.map((f) => `${f.line}:${f.column}:${f.symbol}:${f.optional}`)).toEqual([
      '6:5:torch:false',
      '8:5:triton:false',
      '11:8:flash-attn:true',
    ]);
    // setuptools still reads the dash spelling
    const dashed: Fact[] = [];
    extractSetupCfg('[options]\ninstall-requires = cupy-cuda12x\n', 'setup.cfg', dashed);
    expect(dashed.map((f) => f.symbol)).toEqual(['cupy-cuda12x']);
  });

  it('reads hostile long lines in linear time (a 250k-space line, 20k continuations)', () => {
    const spaces = ' '.repeat(250_000);
    // quadratic versions took minutes on these (the test's time limit ends them); linear ones take milliseconds
    extractSetupCfg(
      `[options]\ninstall_requires =${spaces}torch${spaces}#${spaces}\n${spaces}x`,
      'setup.cfg',
      [],
    );
    extractRequirements(`${'x \\\n'.repeat(20_000)}torch\n${'--index-url '.repeat(20_000)}\n`, 'r.txt', []);
  });
});

describe('CMake', () => {
  it('tokenises commands and ignores comments and quoted arguments', () => {
    const text = [
      'project(demo LANGUAGES CXX CUDA)',
      '# find_package(CUDA)',
      '#[[ enable_language(CUDA) ]]',
      'message(STATUS "find_package(CUDAToolkit)")',
      'enable_language(CUDA)',
      'set(CMAKE_CUDA_ARCHITECTURES 80 90)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CMake syntax, not a JS template
      'target_link_libraries(k PRIVATE CUDA::cudart ${CUDA_LIBRARIES})',
      'cuda_add_library(k k.cu)',
    ].join('\n');
    expect(run(extractCmake, text)).toEqual([
      '1:1:cmake:project(CXX)',
      '1:1:cmake:project(CUDA)',
      '5:1:cmake:enable_language(CUDA)',
      '6:5:cmake:CMAKE_CUDA_ARCHITECTURES',
      '7:33:cmake:CUDA::cudart',
      '7:46:cmake:CUDA_LIBRARIES',
      '8:1:cmake:cuda_add_library()',
    ]);
    const more = [
      'include(CheckLanguage)',
      'check_language(CUDA)',
      'find_package(NCCL REQUIRED)',
      'set_source_files_properties(k.cpp PROPERTIES LANGUAGE CUDA)',
      'target_link_libraries(k PRIVATE cublas -lnccl cudart_static "cudnn" fmt)',
    ].join('\n');
    expect(run(extractCmake, more)).toEqual([
      '2:1:cmake:check_language(CUDA)',
      '3:1:cmake:find_package(NCCL)',
      '4:46:cmake:LANGUAGE CUDA',
      '5:33:cmake:link(cublas)',
      '5:40:cmake:link(nccl)',
      '5:47:cmake:link(cudart_static)',
    ]);
    expect(parseCmake('a(b [=[x)y]=] "c\\"d")')[0]?.args.map((t) => t.text)).toEqual(['b', 'x)y', 'c\\"d']);
  });
});

describe('Dockerfile', () => {
  it('reads FROM images, ENV names and pip installs across continuations', () => {
    const text = [
      '# FROM nvidia/cuda:11.8.0-base',
      'FROM --platform=linux/amd64 nvidia/cuda:12.1.0-devel-ubuntu22.04 AS build',
      'ENV NCCL_DEBUG=INFO CUDA_HOME=/usr/local/cuda',
      'RUN apt-get update && pip install --no-cache-dir -r req.txt \\',
      '    flash-attn==2.5.8 --extra-index-url https://download.pytorch.org/whl/cu121',
    ].join('\n');
    expect(run(extractDockerfile, text)).toEqual([
      '2:1:docker-image:nvidia/cuda:12.1.0-devel-ubuntu22.04',
      '3:1:env:NCCL_DEBUG',
      '3:1:env:CUDA_HOME',
      '4:1:dependency:pytorch-cuda-index',
      '4:1:dependency:flash-attn',
    ]);
  });
});

describe('Makefile', () => {
  it('reads nvcc, CUDA link flags and the toolkit location, not comments or other libraries', () => {
    const text = [
      '# nvcc -lcublas in a comment',
      'NVCC := /usr/local/cuda/bin/nvcc',
      'LDFLAGS = -L$(CUDA_HOME)/lib64 -lcublas -lcublasLt \\',
      '\t-lm -lpthread -lnccl',
      'train: train.cu',
      '\t$(NVCC) -O3 $< -o $@ $(LDFLAGS) -lcudnn',
      'ifeq ($(NO_CUDA_HOME),1)',
      '\tFOO = bar # nvcc',
      'endif',
    ].join('\n');
    expect(run(extractMakefile, text)).toEqual([
      '2:9:make:nvcc',
      '3:11:make:CUDA_HOME',
      '3:32:make:-lcublas',
      '3:41:make:-lcublasLt',
      '3:1:make:-lnccl',
      '6:34:make:-lcudnn',
    ]);
  });
});

describe('CMake options off by default', () => {
  it('reads what they gate: the rest of the file after a return, and the subdirectories they add', () => {
    const text = [
      'option(WITH_EXT "doc" OFF)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CMake's ${VAR}, not a JavaScript template
      'option(WITH_TESTS "doc" ${WITH_EXT})',
      'option(WITH_PY "doc" ON)',
      'if(WITH_TESTS)',
      '  add_subdirectory(tests)',
      'endif()',
      'add_subdirectory(always)',
      'if(NOT WITH_EXT)',
      '  return()',
      'endif()',
      'add_subdirectory(./ext/)',
    ].join('\n');
    expect(optionalBuild(text)).toEqual({
      rest: { option: 'WITH_EXT', fromLine: 11 },
      dirs: [
        { dir: 'tests', option: 'WITH_TESTS' },
        { dir: 'ext', option: 'WITH_EXT' },
      ],
    });
    // an option on by default gates nothing
    expect(
      optionalBuild('option(X "d" ON)\nif(NOT X)\n return()\nendif()\nadd_subdirectory(a)'),
    ).toBeUndefined();
    // a switch for the accelerator itself gates the very code a port is about: not optional
    expect(
      optionalBuild('option(GGML_CUDA "d" OFF)\nif(GGML_CUDA)\n add_subdirectory(ggml-cuda)\nendif()'),
    ).toBeUndefined();
  });
});
