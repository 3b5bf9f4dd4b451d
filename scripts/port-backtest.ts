/**
 * Re-derives the port validation cases (src/port/validation/cases.json) from fetched snapshots:
 * the history evidence of each port, its observed engineer-day range, and what the scanner reads on
 * the commit before the port. With --fit it also re-fits the calibration (leave-one-out report on
 * stdout) and rewrites src/port/calibration-fitted.ts.
 *
 *   npx tsx scripts/port-backtest.ts [--fit] [--only ID] [--mirrors DIR] [--work DIR]
 *
 * Defaults: --mirrors ../.mirror (beside the repository, where the `fetch` tool puts snapshots),
 * --work <system temp dir>/port-cases.
 *
 * Snapshots are read from MIRRORS/<owner>+<name>/repo (the `fetch` tool's layout); a case whose
 * snapshot is missing keeps its stored data. The commit before each port is extracted with
 * `git archive` into WORK/src/<id> (outside any worktree) and never committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PORT_CALIBRATION } from '../src/port/calibration-fitted';
import { builtinRuleSets } from '../src/port/rules/index';
import { buildReport, scanFacts } from '../src/port/scan';
import { leftShare, rawEffort } from '../src/port/summary';
import { caseSchema, casesFileSchema, fitInput, type PortCase } from '../src/port/validation/cases';
import { validate } from '../src/port/validation/fit';
import {
  type HistoryCommit,
  measureHistory,
  observedDays,
  pooledCommitsPerAuthorDay,
} from '../src/port/validation/history';
import { usableCases } from '../src/port/validation/validate';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1]! : fallback;
};
const MIRRORS = opt('--mirrors', resolve(process.cwd(), '..', '.mirror'));
const WORK = opt('--work', join(tmpdir(), 'port-cases'));
const ONLY = opt('--only', '');
const CASES = 'src/port/validation/cases.json';
const CALIBRATION = 'src/port/calibration-fitted.ts';

const specSchema = caseSchema.omit({ evidence: true, observedDays: true, inputs: true });
type Spec = ReturnType<typeof specSchema.parse> & {
  evidence?: PortCase['evidence'];
  observedDays?: PortCase['observedDays'];
  inputs?: PortCase['inputs'];
};

const git = (dir: string, ...a: string[]) =>
  execFileSync('git', ['--git-dir', dir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });
const mirror = (repo: string) => join(MIRRORS, repo.replace('/', '+'), 'repo');

/** A scratch bare repository that sees every snapshot of the case: refs r0/..., r1/... */
function scratchRepo(c: Spec): string {
  const dir = join(WORK, 'git', `${c.id}.git`);
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['init', '-q', '--bare', dir]);
  writeFileSync(
    join(dir, 'objects/info/alternates'),
    `${c.repos.map((r) => join(mirror(r), 'objects')).join('\n')}\n`,
  );
  c.repos.forEach((repo, i) => {
    const refs = git(
      mirror(repo),
      'for-each-ref',
      '--format=%(objectname) %(refname)',
      'refs/heads',
      'refs/pull',
    );
    const lines = refs
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [sha, ref] = l.split(' ');
        return `update refs/remotes/r${i}/${ref!.replace(/^refs\//, '')} ${sha}`;
      });
    execFileSync('git', ['--git-dir', dir, 'update-ref', '--stdin'], { input: `${lines.join('\n')}\n` });
  });
  return dir;
}

/** The name an author is counted under (one person committing under several names is one author). */
function countedAuthor(c: Spec, name: string): string {
  return c.authorAliases[name] ?? name;
}

function portCommits(dir: string, c: Spec): HistoryCommit[] {
  const revs = c.revs.flatMap((r) => (r.startsWith('--') ? [r] : [r]));
  const out = git(
    dir,
    'log',
    '--no-merges',
    '--date=short',
    '--format=C\t%H\t%an\t%ad\t%s',
    '--numstat',
    `--since=${c.since}T00:00:00`,
    `--until=${c.until}T23:59:59`,
    ...revs,
    '--',
    ...c.paths,
  );
  const commits: (HistoryCommit & { sha: string; subject: string })[] = [];
  for (const line of out.split('\n')) {
    if (line.startsWith('C\t')) {
      const [, sha, author, date, subject] = line.split('\t');
      commits.push({
        sha: sha!,
        author: countedAuthor(c, author!),
        date: date!,
        subject: subject!,
        added: 0,
        deleted: 0,
        squashed: 0,
      });
    } else if (/^\d+\t\d+\t/.test(line)) {
      const [a, d] = line.split('\t');
      const last = commits[commits.length - 1] as { added: number; deleted: number };
      last.added += Number(a);
      last.deleted += Number(d);
    }
  }
  // rebased copies of one commit on several branches count once
  const seen = new Set<string>();
  return commits.filter((k) => {
    if (c.excludeCommits.some((x) => k.sha.startsWith(x))) return false;
    const key = `${k.author}\u0000${k.date}\u0000${k.subject}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function squashCommits(c: Spec): HistoryCommit[] {
  return c.squashes.map((s) => {
    const dir = mirror(c.repos[s.repo]!);
    const [author, date] = git(dir, 'show', '-s', '--date=short', '--format=%an%x09%ad', s.commit)
      .trim()
      .split('\t');
    const body = git(dir, 'show', '-s', '--format=%b', s.commit);
    const bullets = body.split('\n').filter((l) => /^\* \S/.test(l)).length;
    let added = 0;
    let deleted = 0;
    for (const l of git(dir, 'show', '--numstat', '--format=', s.commit).split('\n')) {
      const m = /^(\d+)\t(\d+)\t/.exec(l);
      if (m) {
        added += Number(m[1]);
        deleted += Number(m[2]);
      }
    }
    return {
      author: countedAuthor(c, author!),
      date: date!,
      added,
      deleted,
      squashed: s.dated ? 0 : Math.max(1, bullets),
      ...(s.opened && !s.dated ? { opened: s.opened } : {}),
    };
  });
}

/**
 * Writes the tree of a commit to DIR. Like `git archive | tar -x`, but blobs missing from a snapshot
 * (files of 4 MiB and more are left out of snapshots) are skipped instead of failing.
 */
function extractTree(gitDir: string, commit: string, dir: string): void {
  const entries = git(gitDir, 'ls-tree', '-r', '-z', commit)
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, sha] = meta!.split(' ');
      return { mode: mode!, type: type!, sha: sha!, path: path! };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: `${entries.map((e) => e.sha).join('\n')}\n`,
    maxBuffer: 1 << 30,
  });
  let at = 0;
  for (const e of entries) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString();
    at = eol + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    const target = join(dir, e.path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, out.subarray(at, at + size));
    at += size + 1;
  }
}

async function scanBase(c: Spec): Promise<NonNullable<Spec['inputs']>> {
  const src = join(WORK, 'src', c.id);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  extractTree(mirror(c.repos[c.baseRepo]!), c.base, src);
  const sets = builtinRuleSets();
  const set = sets.find((s) => s.target === c.target)!;
  // support is detected against every target's patterns, as in a real scan
  const scan = await scanFacts(src, sets, { exclude: c.scan.exclude, scopes: c.scan.scopes });
  const report = buildReport(src, sets, scan);
  const findings = report.findings.filter((f) => f.target === c.target);
  const raw = rawEffort(set, findings, 'product');
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    rulesVersion: set.version,
    productSourceLines: scan.stats.productSourceLines,
    kernelDays: [round(raw.kernelDays[0]), round(raw.kernelDays[1])],
    tritonDays: [round(raw.tritonDays[0]), round(raw.tritonDays[1])],
    otherDays: [round(raw.otherDays[0]), round(raw.otherDays[1])],
    portedMidDays: round(raw.portedMidDays),
    leftShare: round(leftShare(raw)),
    unitsLeft: raw.unitsLeft,
    unitsLeftByKind: raw.unitsLeftByKind,
    findingsLeft: findings.filter((f) => f.scope === 'product' && f.status === 'left').length,
  };
}

const file = JSON.parse(readFileSync(CASES, 'utf8'));
// stored derived fields are kept as they are for cases whose snapshots are missing
const specs: Spec[] = file.cases.map((c: Record<string, unknown>) => {
  const { evidence, observedDays: observed, inputs, ...spec } = c;
  return { ...specSchema.parse(spec), evidence, observedDays: observed, inputs } as Spec;
});
const histories = new Map<string, HistoryCommit[]>();
for (const c of specs) {
  if (ONLY && c.id !== ONLY) continue;
  const missing = c.repos.filter((r) => !existsSync(mirror(r)));
  if (missing.length > 0) {
    console.log(`${c.id}: snapshot missing (${missing.join(', ')}); stored data kept`);
    continue;
  }
  const dir = scratchRepo(c);
  histories.set(c.id, [...portCommits(dir, c), ...squashCommits(c)]);
  console.log(`${c.id}: scanning ${c.base.slice(0, 10)} for ${c.target}`);
  c.inputs = await scanBase(c);
}
// commits per author-day, pooled only when every case's history was re-derived (history.ts)
const rate = pooledCommitsPerAuthorDay([...histories.values()], specs.length, file.commitsPerAuthorDay);
if (histories.size < specs.length)
  console.log(
    `${histories.size} of ${specs.length} cases re-derived: commits per author-day kept at ${file.commitsPerAuthorDay}`,
  );
for (const c of specs) {
  const commits = histories.get(c.id);
  if (!commits) continue;
  c.evidence = measureHistory(commits, rate);
  c.observedDays = observedDays(c.evidence).range;
}
const next = casesFileSchema.parse({
  ...file,
  commitsPerAuthorDay: Math.round(rate * 1000) / 1000,
  cases: specs,
});
writeFileSync(CASES, `${JSON.stringify(next, null, 2)}\n`);
console.log(`wrote ${CASES} (${next.cases.length} cases, ${rate.toFixed(3)} commits per author-day)`);

for (const c of next.cases as PortCase[]) {
  const e = c.evidence;
  console.log(
    `${c.id.padEnd(22)} ${c.target.padEnd(9)} commits ${e.commits} (+${e.squashedCommits} squashed) authors ${e.authors} ` +
      `author-days ${e.authorDays} streak ${e.streakDays} lines +${e.linesAdded}/-${e.linesDeleted} ` +
      `→ observed ${c.observedDays[0]}–${c.observedDays[1]} d; KLOC ${(c.inputs.productSourceLines / 1000).toFixed(1)} ` +
      `units ${c.inputs.unitsLeft} raw K ${c.inputs.kernelDays.join('–')} T ${c.inputs.tritonDays.join('–')} O ${c.inputs.otherDays.join('–')} share ${c.inputs.leftShare}`,
  );
}

if (args.includes('--fit')) {
  const v = validate(usableCases(next.cases as PortCase[]).used.map(fitInput));
  for (const l of v.cases)
    console.log(
      `${l.id.padEnd(22)} observed ${l.observedDays.toFixed(1)} predicted ${l.predictedDays.toFixed(1)} ` +
        `[${l.predictedRange.map((d) => d.toFixed(1)).join('–')}] ${l.inside ? 'inside' : 'outside'}`,
    );
  console.log(
    `leave-one-out: median |error| ${(v.medianAbsError * 100).toFixed(0)}%, ${v.inside}/${v.cases.length} inside, ${v.overlaps} overlap`,
  );
  const cal = v.calibration;
  const r = (x: number) => Math.round(x * 10000) / 10000;
  const text = readFileSync(CALIBRATION, 'utf8').replace(
    /export const PORT_CALIBRATION: PortCalibration = \{[\s\S]*?\n\};/,
    `export const PORT_CALIBRATION: PortCalibration = {
  baselineDaysPerKloc: ${r(cal.baselineDaysPerKloc)},
  baselineExponent: ${r(cal.baselineExponent)},
  kernelScale: ${r(cal.kernelScale)},
  tritonScale: ${r(cal.tritonScale)},
  otherScale: ${r(cal.otherScale)},
  bandFactor: ${r(cal.bandFactor)},
  provenance: '${v.cases.length} ports in src/port/validation/cases.json, least squares in log space (fit.ts); band = p80 of leave-one-out |log error|',
};`,
  );
  writeFileSync(CALIBRATION, text);
  // generated, then formatted like the rest of the tree (as fit-training.ts does)
  execFileSync('npx', ['biome', 'format', '--write', CALIBRATION], { stdio: 'ignore' });
  console.log(`wrote ${CALIBRATION}`, cal);
  void PORT_CALIBRATION;
}
