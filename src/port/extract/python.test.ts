import { beforeAll, describe, expect, it } from 'vitest';
import { buildInterest } from '../evaluate';
import { loadParsers, type Parsers } from '../parsers';
import { builtinRuleSets } from '../rules/index';
import type { Fact } from '../types';
import { extractPython, stringValue } from './python';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function facts(source: string, setupPy = false): Fact[] {
  const tree = parsers.python.parse(source)!;
  const out: Fact[] = [];
  extractPython(tree, source, { file: 'x.py', interest: buildInterest(builtinRuleSets()), setupPy }, out);
  tree.delete();
  return out;
}
const symbols = (source: string) =>
  facts(source)
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((f) => `${f.line}:${f.kind}:${f.symbol}`);

describe('python extraction', () => {
  it('follows import aliases, from-imports and submodule imports', () => {
    const src = [
      'import torch.cuda as tc',
      'from torch import cuda',
      'from torch.cuda import amp',
      'from torch.cuda.amp import autocast as ac',
      'import torch',
      'tc.synchronize()',
      'cuda.empty_cache()',
      'scaler = amp.GradScaler()',
      'with ac():',
      '    torch.cuda.set_device(0)',
    ].join('\n');
    const got = symbols(src);
    expect(got).toContain('6:py-ref:torch.cuda.synchronize');
    expect(got).toContain('7:py-ref:torch.cuda.empty_cache');
    expect(got).toContain('8:py-ref:torch.cuda.amp.GradScaler');
    expect(got).toContain('9:py-ref:torch.cuda.amp.autocast');
    expect(got).toContain('10:py-ref:torch.cuda.set_device');
  });

  it('ignores comments, docstrings and prose strings', () => {
    const src = [
      '"""Uses torch.cuda heavily."""',
      'import torch',
      '# torch.cuda.synchronize()',
      'msg = "call torch.cuda.synchronize() and use nccl"',
      "log = 'the cuda device'",
    ].join('\n');
    // only the import itself is observed (and no rule matches plain `torch`)
    expect(symbols(src)).toEqual(['2:py-ref:torch']);
  });

  it('treats whole-value strings as device/backend names, f-strings included', () => {
    const got = symbols('d = "cuda"\ne = f"cuda:{rank}"\nb = \'nccl\'\nsrc = ["k.cu"]\nname = "cuda device"');
    expect(got).toEqual(['1:py-string:cuda', '2:py-string:cuda:*', '3:py-string:nccl', '4:py-string:k.cu']);
  });

  it('reads an environment variable name, not a log line that mentions one', () => {
    const src = [
      'import os',
      'log("NCCL_SOCKET_IFNAME original value = {}".format(os.environ["NCCL_SOCKET_IFNAME"]))',
    ].join('\n');
    expect(symbols(src).filter((s) => s.includes(':env:'))).toEqual(['2:env:NCCL_SOCKET_IFNAME']);
  });

  it('keeps a dtype that a comparison only checks apart from one that is used', () => {
    const src = [
      'import torch',
      'if x.dtype == torch.float64: pass',
      'ok = dtype in (torch.float16, torch.float64)',
      'y = x.to(torch.float64)',
    ].join('\n');
    expect(symbols(src).filter((s) => s.includes('float64'))).toEqual([
      '2:py-ref:compare:torch.float64',
      '3:py-ref:compare:torch.float64',
      '4:py-ref:torch.float64',
    ]);
  });

  it('respects shadowing by parameters, locals and later module assignments', () => {
    const src = [
      'from torch import cuda',
      'import torch',
      'def f(cuda):',
      '    return cuda.synchronize()',
      'def g():',
      '    torch = make_fake()',
      '    return torch.cuda.synchronize()',
      'def h(x=cuda):',
      '    return cuda.current_device()',
      'torch = None',
      'torch.cuda.synchronize()',
    ].join('\n');
    const got = symbols(src);
    expect(got).not.toContain('4:py-ref:torch.cuda.synchronize');
    expect(got).not.toContain('7:py-ref:torch.cuda.synchronize');
    expect(got).toContain('8:py-ref:torch.cuda'); // a default value reads the module name
    expect(got).toContain('9:py-ref:torch.cuda.current_device');
    expect(got).not.toContain('11:py-ref:torch.cuda.synchronize');
  });

  it('does not let a class attribute shadow names inside methods', () => {
    const src = [
      'import torch',
      'class T:',
      '    torch = None',
      '    def run(self):',
      '        torch.cuda.synchronize()',
    ].join('\n');
    expect(symbols(src)).toContain('5:py-ref:torch.cuda.synchronize');
  });

  it('reports methods on values that are not modules', () => {
    const got = symbols(
      'y = x.cuda()\nz = model.half().cuda()\nif t.is_cuda: pass\nw = self.cuda\nd = x.double()',
    );
    // `.cuda` without a call is observed but matched by no built-in rule (see scan.test.ts)
    expect(got).toEqual([
      '1:py-method:.cuda()',
      '2:py-method:.cuda()',
      '3:py-method:.is_cuda',
      '4:py-method:.cuda',
      '5:py-method:.double()',
    ]);
  });

  it('resolves imports made inside functions and decorators', () => {
    const src = ['def k():', '    import triton', '    @triton.jit', '    def kern(x):', '        pass'].join(
      '\n',
    );
    expect(symbols(src)).toContain('3:py-ref:triton.jit');
  });

  it('reads install_requires in setup.py', () => {
    const src =
      'setup(name="x", install_requires=["flash-attn>=2", "numpy"], extras_require={"q": ["bitsandbytes"]})';
    const deps = facts(src, true)
      .filter((f) => f.kind === 'dependency')
      .map((f) => f.symbol);
    expect(deps).toEqual(['flash-attn', 'numpy', 'bitsandbytes']);
  });

  it('stringValue strips prefixes and quotes', () => {
    expect(stringValue("r'cuda'")).toBe('cuda');
    expect(stringValue('"""nccl"""')).toBe('nccl');
    expect(stringValue('f"cuda:{i}"')).toBe('cuda:*');
  });
});
