/**
 * Conda environment files (`environment.yml`): the packages under `dependencies`, conda's own
 * (`pytorch-cuda=12.1`, `conda-forge::nccl`) and the `pip:` list's PEP 508 strings. Read with the
 * project's YAML parser under the same limits as every other document (aliases, size).
 * Conda names are matched as written, lower-cased; the CUDA runtime packages conda ships
 * (`pytorch-cuda`, `cudatoolkit`, `cuda-*`, `cudnn`, `nccl`) are NVIDIA's as much as their wheels are.
 */
import { parseDocument } from 'yaml';
import type { Fact } from '../types';
import { locator } from './locate';
import {
  normalizePackageName,
  OPTIONAL_REQUIREMENTS,
  parseRequirementName,
  pinsCudaWheels,
} from './requirements';

/** A conda match spec's package name: `channel::name[version][=build]` or `name >=1.2`. */
export function condaPackageName(spec: string): string | undefined {
  const match = /^\s*(?:[\w./-]+::)?([A-Za-z0-9_][A-Za-z0-9._-]*)/.exec(spec);
  return match ? normalizePackageName(match[1]!) : undefined;
}

/** Throws the YAML parser's error on a malformed file; the caller turns it into a warning. */
export function extractCondaEnvironment(text: string, file: string, out: Fact[]): void {
  // maxAliasCount bounds an alias bomb; a conda file has no use for aliases at all
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  const root = doc.toJS({ maxAliasCount: 0 }) as unknown;
  const dependencies =
    root && typeof root === 'object' && !Array.isArray(root)
      ? (root as Record<string, unknown>).dependencies
      : undefined;
  if (!Array.isArray(dependencies)) return;
  const stem = file
    .split('/')
    .pop()!
    .replace(/\.ya?ml$/i, '');
  const optional = OPTIONAL_REQUIREMENTS.test(stem);
  const located = locator(text);
  const cudaBuild = (at: { line: number; column: number }) =>
    out.push({ kind: 'dependency', symbol: 'pytorch-cuda-index', file, ...at, optional });
  for (const entry of dependencies) {
    if (typeof entry === 'string') {
      const name = condaPackageName(entry);
      const at = located(entry);
      if (name && name !== 'python') out.push({ kind: 'dependency', symbol: name, file, ...at, optional });
      // a CUDA build string pins NVIDIA builds as a CUDA wheel index does: pytorch=2.1.0=py3.10_cuda12.1_cudnn8.9.2_0
      if (
        entry
          .split('=')
          .slice(1)
          .some((part) => /cuda\d/i.test(part))
      )
        cudaBuild(at);
    } else if (entry && typeof entry === 'object' && Array.isArray((entry as { pip?: unknown }).pip)) {
      for (const requirement of (entry as { pip: unknown[] }).pip) {
        if (typeof requirement !== 'string') continue;
        const at = located(requirement);
        const name = requirement.trim().startsWith('-') ? undefined : parseRequirementName(requirement);
        if (name) out.push({ kind: 'dependency', symbol: name, file, ...at, optional });
        if (pinsCudaWheels(requirement.trim())) cudaBuild(at);
      }
    }
  }
}
