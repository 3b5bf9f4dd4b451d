/**
 * A JSON snapshot that repeats a policy version failed with "internal error: UNIQUE constraint failed" (exit 1), one
 * that repeats a site with other facts was imported with the first silently winning, and a policy version could carry
 * a document of another id. Each is now refused naming the field (exit 2).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-repeats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const site = (name: string, region: string | null) => ({
  name,
  region,
  stateFunded: false,
  projectCompletionPct: null,
  commissioningDate: null,
  notes: null,
});
const policy = (id: string, version: number, documentId = id) => ({
  id,
  version,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'x',
  document: {
    id: documentId,
    rules: [
      {
        id: 'r',
        metric: 'count',
        comparator: '>',
        threshold: 0.5,
        scope: 'site',
        effectiveFrom: '2025-01-01',
      },
    ],
  },
});
async function importSnapshot(name: string, parts: { sites?: unknown[]; policies?: unknown[] }) {
  const path = join(dir, `${name}.json`);
  const doc = { format: 'chipmix-inventory', formatVersion: 1, purchaseOrders: [], hardware: [], ...parts };
  writeFileSync(path, JSON.stringify({ sites: [], policies: [], ...doc }));
  const r = await run('--data-dir', join(dir, name), 'inventory', 'import', path);
  return { ...r, path };
}

describe('a snapshot that repeats or contradicts itself is refused naming the field', () => {
  it('the same policy version twice', async () => {
    const r = await importSnapshot('policy-twice', { policies: [policy('p', 1), policy('p', 1)] });
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `chipmix: ${r.path}: policies[1]: policy p version 1 repeated (also policies[0])\n`,
    );
    expect(r.err).not.toMatch(/internal error/);
  });

  it('the same site twice', async () => {
    const r = await importSnapshot('site-twice', { sites: [site('A', 'Beijing'), site('A', 'Shanghai')] });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`chipmix: ${r.path}: sites[1].name: site A given twice (also sites[0])\n`);
  });

  it('a policy version whose document has another id', async () => {
    const r = await importSnapshot('policy-id', { policies: [policy('p', 1, 'q')] });
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `chipmix: ${r.path}: policies[0].document.id: expected the id of its policy version, p\n`,
    );
  });
});
