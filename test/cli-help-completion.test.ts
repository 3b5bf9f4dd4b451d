/**
 * Every command's --help ends with examples that name real commands and options; the completion
 * script comes from the same command tree and works in bash (complete -p, then the function itself).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { bashCompletion, zshCompletion } from '../src/cli/completion';
import { commandPath, EXAMPLES } from '../src/cli/examples';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { run } from './support/run-cli';

const { buildProgram } = await import('../src/cli/main');
const program = buildProgram();
const all: Command[] = [];
const visit = (c: Command) => {
  all.push(c);
  c.commands.forEach(visit);
};
visit(program);

/** An example's words after `chipmix`, its trailing comment dropped. */
const wordsOf = (example: string) =>
  example
    .replace(/\s+#.*$/, '')
    .split(/\s+/)
    .slice(1);

describe('examples in every --help', () => {
  for (const command of all) {
    const path = commandPath(command);
    it(`chipmix ${path || '(program)'} --help has an Examples section`, async () => {
      const r = await run(...(path ? path.split(' ') : []), '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/\nExamples:\n {2}\$ chipmix /);
    });
  }

  it("every file an example names in the repository's examples/ exists", () => {
    for (const example of Object.values(EXAMPLES).flat()) {
      for (const path of example.match(/\bexamples\/\S+/g) ?? [])
        expect(existsSync(path), `${example}: ${path}`).toBe(true);
    }
  });
  it('every example names an existing command and only options that command (or the program) accepts', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(all.map(commandPath).sort());
    for (const example of Object.values(EXAMPLES).flat()) {
      const words = wordsOf(example);
      let command: Command = program;
      const options = new Set(program.options.map((o) => o.long));
      for (const [i, word] of words.entries()) {
        if (word.startsWith('-')) {
          expect(options.has(word.split('=')[0]!) || word === '-o', `${example}: ${word}`).toBe(true);
          continue;
        }
        const sub = command.commands.find((c) => c.name() === word);
        const previous = words[i - 1] ?? '';
        if (sub && !previous.startsWith('-')) {
          command = sub;
          for (const o of sub.options) options.add(o.long);
        }
      }
    }
  });
});

describe('examples run as written', () => {
  const catalog = loadBuiltinCatalog();
  const known = (id: string) => catalog.chips.has(id) || catalog.systems.has(id);
  const HARDWARE_ID =
    /^(amd|cambricon|google|huawei|hygon|intel|kunlunxin|metax|moorethreads|nvidia)-[a-z0-9.-]+$/;

  it('give every option their command requires (the infer search example lacked --input-len)', () => {
    for (const example of Object.values(EXAMPLES).flat()) {
      const words = wordsOf(example);
      let command: Command = program;
      for (const word of words) command = command.commands.find((c) => c.name() === word) ?? command;
      for (const option of command.options.filter((o) => o.mandatory))
        expect(words.includes(option.long!), `${example}: ${option.long}`).toBe(true);
    }
  });

  it('name only hardware the catalog has (the catalog compare example named nvidia-h800)', () => {
    for (const example of Object.values(EXAMPLES).flat())
      for (const word of example.split(/[\s,]+/))
        if (HARDWARE_ID.test(word)) expect(known(word), `${example}: ${word}`).toBe(true);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'chipmix-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** COMPREPLY for a command line typed so far (the last word is being completed). */
function complete(script: string, line: string): string[] {
  const file = join(dir, 'chipmix.bash');
  writeFileSync(file, script);
  const words = line.split(' ');
  const probe = `source ${file}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_chipmix
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', probe], { cwd: dir, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort();
}

describe('chipmix completion bash', () => {
  it('prints the script; bash registers it (complete -p)', async () => {
    const r = await run('completion', 'bash');
    expect(r.code).toBe(0);
    const file = join(dir, 'registered.bash');
    writeFileSync(file, r.out);
    const out = execFileSync('bash', ['-c', `source ${file} && complete -p chipmix`], { encoding: 'utf8' });
    expect(out.trim()).toBe('complete -o filenames -F _chipmix chipmix');
  });

  it('completes commands, subcommands, options and option values from the command tree', () => {
    const script = bashCompletion(program);
    expect(complete(script, 'chipmix ').sort()).toEqual(program.commands.map((c) => c.name()).sort());
    expect(complete(script, 'chipmix co')).toEqual(['compare', 'completion', 'comply']);
    expect(complete(script, 'chipmix comply st')).toEqual(['status']);
    expect(complete(script, 'chipmix comply status --fa')).toEqual(['--fail-on']);
    expect(complete(script, 'chipmix comply status --fail-on ')).toEqual(['non-compliant', 'warning']);
    expect(complete(script, 'chipmix plan x.yaml --output ')).toEqual(['csv', 'json', 'table', 'yaml']);
    // a value option's argument is not taken for a command word
    expect(complete(script, 'chipmix --data-dir comply inventory l')).toEqual(['list', 'log']);
    // every option of `train estimate` is offered
    const train = program.commands
      .find((c) => c.name() === 'train')!
      .commands.find((c) => c.name() === 'estimate')!;
    const offered = complete(script, 'chipmix train estimate --');
    for (const o of train.options) expect(offered).toContain(o.long);
  });

  it('a command added to the tree appears in the script without editing it', () => {
    const p = buildProgram();
    p.command('brand-new').option('--shiny');
    const script = bashCompletion(p);
    expect(complete(script, 'chipmix bran')).toEqual(['brand-new']);
    expect(complete(script, 'chipmix brand-new --sh')).toEqual(['--shiny']);
  });
});

const hasZsh = spawnSync('zsh', ['--version']).status === 0;

describe('chipmix completion zsh', () => {
  it('prints a #compdef script naming every command with its description', async () => {
    const r = await run('completion', 'zsh');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('#compdef chipmix\n')).toBe(true);
    expect(r.out).toBe(zshCompletion(program));
    for (const c of program.commands) expect(r.out).toContain(`'${c.name()}:`);
  });

  it.skipIf(!hasZsh)('zsh parses it and completes from the tree (skipped when zsh is not installed)', () => {
    const file = join(dir, '_chipmix');
    writeFileSync(file, zshCompletion(program));
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    // zsh's completion builtins stubbed to print what they were given
    const zsh = (words: string[]) =>
      execFileSync(
        'zsh',
        [
          '-c',
          `compdef(){}; _describe(){ local n=\${@[-1]}; print -l -- \${(P)n} }; compadd(){ shift; print -l -- "$@" }; _files(){ print FILES }
source ${file}; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _chipmix`,
        ],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean);
    expect(zsh(['chipmix', 'comply', 'st'])).toContain(
      'status:Domestic share per site and organisation under every metric, and rule verdicts',
    );
    expect(zsh(['chipmix', 'plan', 'x.yaml', '--fail-on', ''])).toEqual(['infeasible', 'warning']);
    expect(zsh(['chipmix', '--data-dir', 'comply', 'inventory', 'l']).map((l) => l.split(':')[0])).toContain(
      'list',
    );
  });
});
