/**
 * What each built-in rule id detects. The detection is the same for every target; each target's rule
 * file (ascend.ts, cambricon.ts, hygon.ts, kunlunxin.ts) decides severity, effort and the suggestion.
 * Patterns are globs over fact symbols (see `types.ts` FactKind and docs/PORT.md).
 */
import type { RuleMatch, UnitKind } from '../types';

const mod = (...names: string[]) => names.flatMap((n) => [n, `${n}.*`]);

export const MATCH = {
  'torch-cuda-api': { 'py-ref': ['torch.cuda', 'torch.cuda.*', 'torch.version.cuda'] },
  'tensor-cuda-method': { 'py-method': ['.cuda()', '.is_cuda'] },
  'cuda-device-string': { 'py-string': ['cuda', 'cuda:*'] },
  'cuda-amp': { 'py-ref': ['torch.cuda.amp', 'torch.cuda.amp.*'] },
  'cudnn-backend-flags': {
    'py-ref': ['torch.backends.cudnn', 'torch.backends.cudnn.*', 'torch.backends.cuda.*'],
  },
  'tf32-flags': {
    'py-ref': [
      'torch.backends.cuda.matmul.allow_tf32',
      'torch.backends.cudnn.allow_tf32',
      'torch.set_float32_matmul_precision',
    ],
  },
  'backend-compare': { 'py-string': ['compare:nccl', 'compare:cuda', 'compare:cuda:*'] },
  'nccl-backend': {
    'py-string': ['nccl'],
    'py-ref': ['torch.distributed.is_nccl_available', 'torch.cuda.nccl', 'torch.cuda.nccl.*'],
  },
  'cuda-env': {
    env: [
      'CUDA_VISIBLE_DEVICES',
      'CUDA_LAUNCH_BLOCKING',
      'CUDA_DEVICE_MAX_CONNECTIONS',
      'NCCL_*',
      'NVIDIA_VISIBLE_DEVICES',
      'NVIDIA_DRIVER_CAPABILITIES',
      'TORCH_CUDA_ARCH_LIST',
      'CUDA_HOME',
      'PYTORCH_CUDA_ALLOC_CONF',
    ],
  },
  'cuda-graphs': {
    'py-ref': [
      'torch.cuda.CUDAGraph',
      'torch.cuda.graph',
      'torch.cuda.graphs.*',
      'torch.cuda.make_graphed_callables',
      'torch.cuda.graph_pool_handle',
    ],
  },
  nvtx: {
    'py-ref': [...mod('torch.cuda.nvtx', 'nvtx'), 'torch.autograd.profiler.emit_nvtx'],
    'c-include': ['nvToolsExt.h', 'nvtx3/*'],
    'c-symbol': ['nvtxRange*', 'nvtxMark*'],
  },
  'profiler-cuda-activity': { 'py-ref': ['torch.profiler.ProfilerActivity.CUDA'] },
  nvml: {
    'py-ref': mod('pynvml', 'nvidia_smi', 'GPUtil'),
    // the tool run as a command: subprocess.run(["nvidia-smi", ...]) or a shell string
    'py-string': ['nvidia-smi', 'nvidia-smi *'],
    dependency: ['pynvml', 'nvidia-ml-py', 'nvidia-ml-py3', 'gputil'],
  },
  'cuda-extension-build': {
    'py-ref': [
      'torch.utils.cpp_extension.CUDAExtension',
      'torch.utils.cpp_extension.CUDA_HOME',
      'torch.utils.cpp_extension.BuildExtension',
    ],
    'py-string': ['*.cu', '*.cuh'],
  },
  'cuda-extension-jit': {
    'py-ref': ['torch.utils.cpp_extension.load', 'torch.utils.cpp_extension.load_inline'],
  },
  'cuda-source-file': { 'c-construct': ['cuda-source'] },
  'cuda-kernel': { 'c-construct': ['kernel'] },
  'cuda-launch': { 'c-construct': ['launch'] },
  'cuda-runtime-api': {
    'c-include': [
      'cuda.h',
      'cuda_runtime.h',
      'cuda_runtime_api.h',
      'cuda_fp16.h',
      'cuda_bf16.h',
      'cuda_fp8.h',
      'cuda/*',
      'cudaTypedefs.h',
      'nvrtc.h',
    ],
    // runtime API (`cuda*`), the driver API's common families (`cuLaunchKernel`, `CUdeviceptr`, Hopper's
    // `cuTensorMapEncodeTiled`) and NVRTC, CUDA's run-time compiler (`nvrtcCreateProgram`)
    'c-symbol': [
      'cuda*',
      'cuLaunch*',
      'cuModule*',
      'cuCtx*',
      'cuDevice*',
      'cuMem*',
      'cuStream*',
      'cuInit',
      'cuFunc*',
      'cuEvent*',
      'cuGraph*',
      'cuOccupancy*',
      'cuPointer*',
      'cuTensorMap*',
      'cuGetProcAddress*',
      'cuGetError*',
      'CUdeviceptr',
      'CUstream',
      'CUresult',
      'CUdevice',
      'CUcontext',
      'CUmodule',
      'CUfunction',
      'CUevent',
      'CUgraph',
      'CUgraphExec',
      'CUtensorMap',
      'nvrtc*',
    ],
  },
  'cuda-warp-intrinsics': {
    'c-include': ['cooperative_groups.h', 'cooperative_groups/*', 'mma.h'],
    'c-symbol': [
      '__shfl*',
      '__syncwarp',
      '__ballot_sync',
      '__activemask',
      '__all_sync',
      '__any_sync',
      'nvcuda::wmma::*',
      'wmma::*',
    ],
  },
  'inline-ptx': { 'c-construct': ['inline-asm'] },
  cublas: { 'c-include': ['cublas*.h', 'cublasLt.h'], 'c-symbol': ['cublas*', 'CUBLAS_*'] },
  cudnn: { 'c-include': ['cudnn*.h'], 'c-symbol': ['cudnn*', 'CUDNN_*'] },
  'nccl-c': { 'c-include': ['nccl.h'], 'c-symbol': ['nccl*', 'NCCL_*'] },
  'cuda-math-libs': {
    'c-include': ['curand*.h', 'cufft*.h', 'cusparse*.h', 'cusolver*.h', 'cutensor*.h'],
    'c-symbol': ['curand*', 'cufft*', 'cusparse*', 'cusolver*', 'cutensor*'],
  },
  'cub-thrust': { 'c-include': ['cub/*', 'thrust/*'], 'c-symbol': ['cub::*', 'thrust::*'] },
  cutlass: { 'c-include': ['cutlass/*', 'cute/*'], 'c-symbol': ['cutlass::*', 'cute::*'] },
  'torch-cuda-cpp': {
    'c-include': ['ATen/cuda/*', 'c10/cuda/*', 'torch/csrc/cuda/*', 'ATen/native/cuda/*'],
    'c-symbol': ['at::cuda::*', 'c10::cuda::*'],
  },
  'device-fp64': { 'c-construct': ['device-fp64'] },
  fp64: {
    'py-ref': [
      'torch.float64',
      'torch.double',
      'torch.DoubleTensor',
      'torch.cuda.DoubleTensor',
      'torch.complex128',
      'torch.cdouble',
    ],
    'py-method': ['.double()'],
  },
  fp8: { 'py-ref': ['torch.float8_*'] },
  'jit-script': { 'py-ref': ['torch.jit.script', 'torch.jit.script_method'] },
  'channels-last': { 'py-ref': ['torch.channels_last', 'torch.channels_last_3d'] },
  'torch-compile': {
    'py-ref': ['torch.compile', 'torch._dynamo', 'torch._dynamo.*', 'torch._inductor', 'torch._inductor.*'],
  },
  'default-generators': {
    'py-ref': ['torch.cuda.default_generators', 'torch.cuda.default_generators.*'],
  },
  'fused-optimizer': { 'py-kwarg': ['fused'] },
  'triton-kernel': { 'py-ref': ['triton.jit', 'triton.autotune', 'triton.heuristics'] },
  'triton-use': { 'py-ref': ['triton', 'triton.*'], dependency: ['triton'] },
  'dep-flash-attn': {
    'py-ref': mod('flash_attn', 'flash_attn_interface'),
    dependency: ['flash-attn', 'flash-attn-*'],
  },
  'dep-apex': { 'py-ref': mod('apex'), dependency: ['apex'] },
  'dep-apex-fused-adam': { 'py-ref': ['apex.optimizers.FusedAdam', 'apex.optimizers.fused_adam.*'] },
  'dep-xformers': { 'py-ref': mod('xformers'), dependency: ['xformers'] },
  'dep-bitsandbytes': { 'py-ref': mod('bitsandbytes'), dependency: ['bitsandbytes'] },
  'dep-deepspeed': { 'py-ref': mod('deepspeed'), dependency: ['deepspeed'] },
  'dep-deepspeed-ops': { 'py-ref': ['deepspeed.ops.*', 'deepspeed.ops'] },
  'dep-transformer-engine': {
    'py-ref': mod('transformer_engine'),
    dependency: ['transformer-engine', 'transformer-engine-*'],
  },
  'dep-cupy': { 'py-ref': mod('cupy', 'cupyx'), dependency: ['cupy', 'cupy-*'] },
  'dep-nvidia-wheels': {
    dependency: [
      'nvidia-*',
      'pytorch-cuda-index',
      'tensorrt',
      'tensorrt-*',
      'pycuda',
      'cuda-python',
      // conda's CUDA runtime packages (environment.yml): pytorch-cuda pins torch's CUDA build as the wheel index does
      'pytorch-cuda',
      'pytorch-gpu',
      'cuda',
      'magma-cuda*',
      'cudatoolkit',
      'cudatoolkit-*',
      'cuda-*',
      'cudnn',
      'nccl',
      'libcublas*',
      'libcudnn*',
      'libnccl*',
    ],
    // NVIDIA's Python bindings: cuda-python (`from cuda import cudart`, cuda.bindings) and numba's CUDA target
    'py-ref': mod(
      'tensorrt',
      'pycuda',
      'nvidia.dali',
      'cuda.cudart',
      'cuda.cuda',
      'cuda.nvrtc',
      'cuda.bindings',
      'numba.cuda',
    ),
  },
  'dep-cuda-kernel-libs': {
    'py-ref': mod(
      'flashinfer',
      'liger_kernel',
      'causal_conv1d',
      'mamba_ssm',
      'grouped_gemm',
      'deep_gemm',
      'deep_ep',
      'sgl_kernel',
    ),
    dependency: [
      'flashinfer*',
      'liger-kernel',
      'causal-conv1d',
      'mamba-ssm',
      'grouped-gemm',
      'deep-gemm',
      'deep-ep',
      'sgl-kernel',
    ],
  },
  'dep-vllm': { 'py-ref': mod('vllm'), dependency: ['vllm'] },
  'dep-megatron': { dependency: ['megatron-core', 'megatron-lm'] },
  'cmake-cuda': {
    cmake: [
      'find_package(CUDA)',
      'find_package(CUDAToolkit)',
      'find_package(NCCL)',
      'find_package(CUDNN)',
      'find_package(cuDNN)',
      'find_package(CUDNN*)',
      'find_package(TensorRT)',
      'enable_language(CUDA)',
      'check_language(CUDA)',
      'LANGUAGE CUDA',
      'link(*)',
      'project(CUDA)',
      '*CUDA_ARCHITECTURES*',
      'CMAKE_CUDA_*',
      'CUDA::*',
      'cuda_*()',
    ],
  },
  'make-cuda': { make: ['nvcc', '-l*', 'CUDA_HOME', 'CUDA_PATH', 'CUDA_ROOT', 'CUDA_DIR'] },
  'docker-cuda-base': { 'docker-image': ['nvidia/cuda*', 'nvcr.io/*', 'pytorch/pytorch:*cuda*'] },
} satisfies Record<string, RuleMatch>;

export type BuiltinRuleId = keyof typeof MATCH;

/**
 * What one unit of work is, per rule (see types.ts UnitKind and findings.ts): a kernel, a distinct
 * API per file (`api`, the default), one dependency per project, one build file, a whole file, or
 * each occurrence. Inside a kernel every finding belongs to the kernel unit.
 */
export const UNIT: Partial<Record<BuiltinRuleId, UnitKind>> = {
  nvml: 'dependency',
  'cuda-extension-build': 'build-target',
  'cuda-extension-jit': 'occurrence',
  'cuda-source-file': 'file',
  'cuda-kernel': 'kernel',
  'inline-ptx': 'occurrence',
  cutlass: 'file',
  'triton-kernel': 'kernel',
  'triton-use': 'dependency',
  'dep-flash-attn': 'dependency',
  'dep-apex': 'dependency',
  'dep-xformers': 'dependency',
  'dep-bitsandbytes': 'dependency',
  'dep-deepspeed': 'dependency',
  'dep-deepspeed-ops': 'dependency',
  'dep-transformer-engine': 'dependency',
  'dep-cupy': 'dependency',
  'dep-nvidia-wheels': 'dependency',
  'dep-cuda-kernel-libs': 'dependency',
  'dep-vllm': 'dependency',
  'dep-megatron': 'dependency',
  fp8: 'dependency',
  'cmake-cuda': 'build-target',
  'make-cuda': 'build-target',
  'docker-cuda-base': 'build-target',
};
