/**
 * Examples shown at the end of every `--help` (commander's addHelpText 'after'), kept in one table so
 * a test can check that every command has some and that each example names real commands and options.
 * Keys are command paths ('' is the program itself).
 */
import type { Command } from 'commander';

export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': [
    'chipmix catalog list --domestic',
    'chipmix train estimate --model llama3-70b --hardware huawei-atlas-800t-a2 --devices 1024 --seq-len 8192 --global-batch 1024',
    'chipmix plan examples/plan-deepseek-v3-50pct.yaml --fail-on infeasible',
    'chipmix comply status --fail-on non-compliant',
  ],
  catalog: ['chipmix catalog list --vendor huawei', 'chipmix catalog show huawei-ascend-910c'],
  'catalog list': [
    'chipmix catalog list --domestic --kind chip',
    'chipmix catalog list --vendor nvidia --output csv',
  ],
  'catalog show': [
    'chipmix catalog show huawei-ascend-910c',
    'chipmix catalog show nvidia-h20 --json',
    'chipmix catalog show nvidia-h20 --entry > h20.yaml   # edit, then: chipmix --catalog h20.yaml ...',
  ],
  'catalog audit': ['chipmix catalog audit', 'chipmix catalog audit --json'],
  'catalog compare': [
    'chipmix catalog compare huawei-cloudmatrix-384 nvidia-gb200-nvl72',
    'chipmix catalog compare huawei-ascend-910c nvidia-h20 nvidia-h800-sxm5-80gb --json',
  ],
  compare: [
    'chipmix compare train --model llama3-70b --hardware nvidia-dgx-h100,huawei-ascend-910c --devices 1024 --seq-len 8192 --global-batch 1024 --tokens 15T --equal power',
  ],
  'compare train': [
    'chipmix compare train --model llama3-70b --hardware nvidia-dgx-h100,huawei-ascend-910c --devices 1024 --seq-len 8192 --global-batch 1024 --tokens 15T',
    'chipmix compare train --model llama3-70b --hardware nvidia-dgx-h100,huawei-ascend-910c --devices 1024 --seq-len 8192 --global-batch 1024 --tokens 15T --equal capex --json',
  ],
  'compare infer': [
    'chipmix compare infer --model deepseek-v3 --hardware nvidia-gb200-nvl72,huawei-cloudmatrix-384 --devices 72 --equal systems --input-len 4096 --output-len 1024 --tpot-ms 50 --precision int8',
  ],
  infer: [
    'chipmix infer estimate --model llama3-70b --hardware nvidia-h20 --devices 8 --input-len 2048 --output-len 512',
  ],
  'infer estimate': [
    'chipmix infer estimate --model deepseek-v3 --hardware nvidia-h20 --devices 16 --input-len 2048 --output-len 512 --precision fp8 --tpot-ms 50',
    'chipmix infer estimate --model llama3-70b --hardware huawei-ascend-910b --devices 8 --input-len 2048 --output-len 512 --json',
  ],
  'infer search': [
    'chipmix infer search --model llama3-70b --hardware huawei-ascend-910b --devices 16 --input-len 2048 --output-len 512 --tpot-ms 50 --top 5',
  ],
  'infer validate': ['chipmix infer validate --runs ../shared/validation/inference_runs.csv'],
  port: ['chipmix port scan path/to/repo --target ascend'],
  'port scan': [
    'chipmix port scan path/to/repo',
    'chipmix port scan path/to/repo --target all --format sarif --out port.sarif',
  ],
  'port validate': ['chipmix port validate'],
  inventory: [
    'chipmix inventory import examples/inventory-demo.csv',
    'chipmix inventory list --site BJ-Yizhuang-01',
  ],
  'inventory import': [
    'chipmix inventory import examples/inventory-demo.csv --dry-run',
    'chipmix --data-dir /tmp/demo inventory import examples/inventory-demo.csv',
  ],
  'inventory undo': ['chipmix inventory log --limit 5', 'chipmix inventory undo 42'],
  'inventory list': ['chipmix inventory list', 'chipmix inventory list --site SH-Lingang-02 --output csv'],
  'inventory export': ['chipmix inventory export --format csv --out fleet.csv'],
  'inventory sites': ['chipmix inventory sites', 'chipmix inventory sites --output yaml'],
  'inventory site': ['chipmix inventory site BJ-Yizhuang-01 --region beijing --state-funded'],
  'inventory set': ['chipmix inventory set hw_52c9c7szbc90 --quantity 64 --expect-version 2'],
  'inventory remove': ['chipmix inventory remove 17 --expect-version 3'],
  'inventory log': ['chipmix inventory log --limit 20'],
  policy: ['chipmix policy add test/fixtures/inventory/state-funded-policy.yaml', 'chipmix policy list'],
  'policy add': ['chipmix policy add test/fixtures/inventory/state-funded-policy.yaml'],
  'policy list': ['chipmix policy list', 'chipmix policy list --all-versions --json'],
  comply: ['chipmix comply status', 'chipmix comply trajectory --to 2028-01-01'],
  'comply status': [
    'chipmix comply status --as-of 2026-01-01',
    'chipmix comply status --fail-on non-compliant    # CI gate: exit 3 when a rule fails',
    'chipmix comply status --output csv > status.csv',
  ],
  'comply trajectory': ['chipmix comply trajectory --from 2026-01-01 --to 2028-01-01'],
  'comply what-if': ['chipmix comply what-if --add BJ-Yizhuang-01:huawei-ascend-910c:256'],
  'comply rules': ['chipmix comply rules --as-of 2026-01-01'],
  'comply report': ['chipmix comply report --out report.html', 'chipmix comply report --out report.md'],
  plan: [
    'chipmix plan examples/plan-deepseek-v3-50pct.yaml',
    'chipmix plan examples/plan-deepseek-v3-50pct.yaml --sweep-domestic 0:100:10 --out out/',
    'chipmix plan examples/plan-mixed-two-sites.yaml --fail-on infeasible    # CI gate: exit 3 when infeasible',
  ],
  train: [
    'chipmix train search --model llama3-8b --hardware nvidia-dgx-h100 --devices 64 --seq-len 8192 --global-batch 512',
  ],
  'train estimate': [
    'chipmix train estimate --model llama3-70b --hardware huawei-atlas-800t-a2 --devices 1024 --seq-len 8192 --global-batch 1024 --tokens 15T',
    'chipmix train estimate --model llama3-8b --hardware nvidia-dgx-h100 --devices 8 --seq-len 8192 --global-batch 128 --tp 2 --json',
  ],
  'train search': [
    'chipmix train search --model deepseek-v3 --hardware nvidia-hgx-h800 --devices 2048 --seq-len 4096 --global-batch 8192 --precision fp8 --top 3',
  ],
  validate: [
    'chipmix validate --runs ../shared/validation/training_runs.csv',
    'chipmix validate --runs my-runs.csv --json   # your own runs, in the same CSV format',
  ],
  serve: ['chipmix serve --demo', 'chipmix serve --host 0.0.0.0 --auth token'],
  token: ['chipmix token create alice --role editor'],
  'token create': ['chipmix token create alice --role editor --label laptop'],
  'token revoke': ['chipmix token revoke 3'],
  completion: [
    'chipmix completion bash > ~/.local/share/bash-completion/completions/chipmix',
    'chipmix completion zsh > ~/.zfunc/_chipmix    # with fpath+=(~/.zfunc) before compinit',
  ],
  'completion bash': [
    'chipmix completion bash > ~/.local/share/bash-completion/completions/chipmix    # or: source <(chipmix completion bash)',
  ],
  'completion zsh': [
    'chipmix completion zsh > ~/.zfunc/_chipmix    # with fpath+=(~/.zfunc) before compinit',
  ],
};

/** The command's path from the program: 'comply status'; '' for the program. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Adds an Examples section to the help of every command that has examples. */
export function addExamples(program: Command): void {
  const visit = (command: Command) => {
    const examples = EXAMPLES[commandPath(command)];
    if (examples?.length)
      command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    for (const sub of command.commands) visit(sub);
  };
  visit(program);
}
