/**
 * Issue 13, defects 3 and 8: rules change only by an admin, whichever route they arrive by (a JSON
 * snapshot sent to the import endpoint included); jobs belong to their creator and have random ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION } from '../../src/inventory/json-format';
import { neededRole } from '../../src/server/auth';
import { writeContext } from '../../src/store/context';
import { listPolicyVersions } from '../../src/store/policies';
import { createApiToken, createUser } from '../../src/store/users';
import { ESTIMATE_BODY, type TestServer, testServer } from './helpers';

let s: TestServer;
const tokens = { viewer: '', editor: '', editor2: '', admin: '' };
beforeAll(async () => {
  s = await testServer('token');
  const ctx = writeContext('test');
  for (const [name, role] of [
    ['viewer', 'viewer'],
    ['editor', 'editor'],
    ['editor2', 'editor'],
    ['admin', 'admin'],
  ] as const) {
    await createUser(s.store.db, ctx, name, role);
    tokens[name] = (await createApiToken(s.store.db, ctx, name)).token;
  }
});
afterAll(() => s.close());
const as = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });

/** A snapshot whose policy makes every site compliant: a count rule with threshold 0. */
const permissiveSnapshot = (version: number) =>
  JSON.stringify({
    format: INVENTORY_FORMAT,
    formatVersion: INVENTORY_FORMAT_VERSION,
    sites: [],
    purchaseOrders: [],
    hardware: [],
    policies: [
      {
        id: 'anything-goes',
        version,
        createdAt: '2026-01-01T00:00:00.000Z',
        createdBy: 'mallory',
        document: {
          id: 'anything-goes',
          rules: [
            {
              id: 'zero',
              metric: 'count',
              comparator: '>=',
              threshold: 0,
              scope: 'site',
              effectiveFrom: '2020-01-01',
            },
          ],
        },
      },
    ],
  });

describe('rules are admin-only', () => {
  it('refuses an editor whose snapshot carries a policy (threshold 0): 403, nothing written', async () => {
    const res = await s.call(
      'POST',
      '/api/inventory/import',
      { text: permissiveSnapshot(1), fileName: 'snap.json' },
      as('editor'),
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /adds policy anything-goes version 1: changing compliance rules needs the admin role; nothing was written/,
    );
    expect(await listPolicyVersions(s.store.db)).toEqual([]);
  });

  it('lets an admin import the same snapshot; an editor may then re-import it (nothing changes)', async () => {
    const admin = await s.call(
      'POST',
      '/api/inventory/import',
      { text: permissiveSnapshot(1), fileName: 'snap.json' },
      as('admin'),
    );
    expect(admin.status).toBe(200);
    expect((await listPolicyVersions(s.store.db)).map((p) => p.id)).toEqual(['anything-goes']);
    const again = await s.call(
      'POST',
      '/api/inventory/import',
      { text: permissiveSnapshot(1), fileName: 'snap.json' },
      as('editor'),
    );
    expect(again.status).toBe(200);
    const newer = await s.call(
      'POST',
      '/api/inventory/import',
      { text: permissiveSnapshot(2), fileName: 'snap.json' },
      as('editor'),
    );
    expect(newer.status).toBe(403);
  });

  it('maps any write under /api/policies or /api/rules to admin', () => {
    expect(neededRole('POST', '/api/policies')).toBe('admin');
    expect(neededRole('PUT', '/api/rules/x')).toBe('admin');
    expect(neededRole('GET', '/api/policies')).toBe('viewer');
  });
});

describe('jobs belong to their creator', () => {
  it('gives random 128-bit ids and hides a job from other users; an admin sees it', async () => {
    const start = await s.call(
      'POST',
      '/api/train/search',
      { request: { ...ESTIMATE_BODY, layout: {} }, top: 1 },
      as('editor'),
    );
    expect(start.status).toBe(202);
    const { id } = (await start.json()) as { id: string };
    expect(id).toMatch(/^job_[0-9a-f]{32}$/);
    for (const who of ['viewer', 'editor2'] as const) {
      expect((await s.call('GET', `/api/jobs/${id}`, undefined, as(who))).status).toBe(404);
      expect((await s.call('GET', `/api/jobs/${id}/events`, undefined, as(who))).status).toBe(404);
      expect((await s.call('DELETE', `/api/jobs/${id}`, undefined, as(who))).status).toBe(404);
    }
    expect((await s.call('GET', `/api/jobs/${id}`, undefined, as('admin'))).status).toBe(200);
    const own = await s.call('DELETE', `/api/jobs/${id}`, undefined, as('editor'));
    expect(own.status).toBe(200);
    expect(((await own.json()) as { owner: string }).owner).toBe('editor');
  });

  it("lists every user's jobs to an admin only (GET /api/jobs), who may cancel another's", async () => {
    const start = await s.call(
      'POST',
      '/api/train/search',
      { request: { ...ESTIMATE_BODY, layout: {} }, top: 1 },
      as('viewer'),
    );
    expect(start.status).toBe(202);
    const { id } = (await start.json()) as { id: string };
    for (const who of ['viewer', 'editor'] as const)
      expect((await s.call('GET', '/api/jobs', undefined, as(who))).status).toBe(403);
    const list = await s.call('GET', '/api/jobs', undefined, as('admin'));
    expect(list.status).toBe(200);
    const { jobs } = (await list.json()) as { jobs: Record<string, unknown>[] };
    const mine = jobs.find((j) => j.id === id)!;
    expect(Object.keys(mine).sort()).toEqual(['id', 'kind', 'owner', 'progress', 'startedAt', 'state']);
    expect(mine).toMatchObject({ kind: 'train-search', owner: 'viewer' });
    const cancelled = await s.call('DELETE', `/api/jobs/${id}`, undefined, as('admin'));
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { state: string }).state).toMatch(/^(cancelled|done)$/);
  });

  it('does not repeat or sequence ids', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await s.call(
        'POST',
        '/api/train/search',
        { request: { ...ESTIMATE_BODY, layout: {} }, top: 1 },
        as('viewer'),
      );
      const { id } = (await res.json()) as { id: string };
      ids.add(id);
      await s.call('DELETE', `/api/jobs/${id}`, undefined, as('viewer'));
    }
    expect(ids.size).toBe(2);
    const [a, b] = [...ids];
    // no shared time prefix: the ids differ from the first hex digits on (with overwhelming odds)
    expect(a!.slice(4, 12)).not.toBe(b!.slice(4, 12));
  });
});

describe('the facts rules select sites by are admin-only too', () => {
  const siteSnapshot = (site: Record<string, unknown>) =>
    JSON.stringify({
      format: INVENTORY_FORMAT,
      formatVersion: INVENTORY_FORMAT_VERSION,
      sites: [
        {
          region: 'Shanghai',
          stateFunded: true,
          projectCompletionPct: 10,
          commissioningDate: null,
          notes: null,
          ...site,
        },
      ],
      purchaseOrders: [],
      hardware: [],
      policies: [],
    });
  const importAs = (who: keyof typeof tokens, site: Record<string, unknown>) =>
    s.call('POST', '/api/inventory/import', { text: siteSnapshot(site), fileName: 'snap.json' }, as(who));

  it("refuses an editor who would exempt a state-funded site (completion 10% to 95%); other facts stay editors'", async () => {
    // a new site with a rule-selecting fact set is an admin's work too
    const create = await importAs('editor', { name: 'SH-Lingang-02' });
    expect(create.status).toBe(403);
    expect(((await create.json()) as { error: string }).error).toBe(
      'the file creates site SH-Lingang-02 with region set: compliance rules select sites by it, so that needs the admin role; nothing was written',
    );
    expect((await importAs('admin', { name: 'SH-Lingang-02' })).status).toBe(200);
    const exempt = await importAs('editor', { name: 'SH-Lingang-02', projectCompletionPct: 95 });
    expect(exempt.status).toBe(403);
    expect(((await exempt.json()) as { error: string }).error).toBe(
      'the file changes projectCompletionPct of site SH-Lingang-02 (10 to 95): compliance rules select sites by it, so changing it needs the admin role; nothing was written',
    );
    expect((await importAs('editor', { name: 'SH-Lingang-02', stateFunded: false })).status).toBe(403);
    expect((await importAs('editor', { name: 'SH-Lingang-02', notes: 'rack row 4' })).status).toBe(200);
    const admin = await importAs('admin', { name: 'SH-Lingang-02', projectCompletionPct: 95 });
    expect(admin.status).toBe(200);
    // nor may an editor undo the admin's change back (or any batch that changed such a fact)
    const { batch } = (await admin.json()) as { batch: string };
    const undo = await s.call('POST', '/api/inventory/undo', { change: batch }, as('editor'));
    expect(undo.status).toBe(403);
    expect(((await undo.json()) as { error: string }).error).toMatch(
      /select sites by .*needs the admin role/,
    );
  });
});

describe('moving hardware to a site the rules see otherwise is admin-only (defect: the annex exemption)', () => {
  const snapshot = (
    sites: Record<string, unknown>[],
    hardware: { id: string; site: string; hardwareId: string }[],
  ) =>
    JSON.stringify({
      format: INVENTORY_FORMAT,
      formatVersion: INVENTORY_FORMAT_VERSION,
      sites: sites.map((site) => ({
        region: null,
        stateFunded: false,
        projectCompletionPct: null,
        commissioningDate: null,
        notes: null,
        ...site,
      })),
      purchaseOrders: [],
      hardware: hardware.map((h) => ({
        quantity: 8,
        status: 'installed',
        installDate: '2025-03-01',
        decommissionDate: null,
        serials: [],
        notes: null,
        purchaseOrderId: null,
        ...h,
      })),
      policies: [],
    });
  const funded = { name: 'HZ-Xiaoshan-04', region: 'Zhejiang', stateFunded: true };
  const annex = { name: 'HZ-Xiaoshan-04-annex', stateFunded: false };
  const h20 = { id: 'hw-h20-1', site: 'HZ-Xiaoshan-04', hardwareId: 'nvidia-hgx-h20' };
  const moved = { ...h20, site: 'HZ-Xiaoshan-04-annex' };
  const importAs = (who: keyof typeof tokens, text: string) =>
    s.call('POST', '/api/inventory/import', { text, fileName: 'snap.json' }, as(who));
  const siteOf = async (id: string) => {
    const list = (await (await s.call('GET', '/api/inventory', undefined, as('viewer'))).json()) as {
      records: { id: string; site: string }[];
    };
    return list.records.find((r) => r.id === id)?.site;
  };

  it('refuses the move for an editor (403, nothing written), a viewer cannot import, an admin may', async () => {
    expect((await importAs('admin', snapshot([funded], [h20]))).status).toBe(200);
    const move = snapshot([funded, annex], [moved]);
    expect((await importAs('viewer', move)).status).toBe(403);
    // the preview refuses it too, with the same line (it showed a clean preview before)
    const preview = await s.call(
      'POST',
      '/api/inventory/import',
      { text: move, fileName: 'snap.json', dryRun: true },
      as('editor'),
    );
    expect(preview.status).toBe(403);
    expect(((await preview.json()) as { error: string }).error).toMatch(/^the file moves record hw-h20-1/);
    const editor = await importAs('editor', move);
    expect(editor.status).toBe(403);
    expect(((await editor.json()) as { error: string }).error).toBe(
      'the file moves record hw-h20-1 from site HZ-Xiaoshan-04 to site HZ-Xiaoshan-04-annex, which differ in region: compliance rules select sites by it, so that needs the admin role; nothing was written',
    );
    // nothing written: the record stays, and no annex site was created
    expect(await siteOf('hw-h20-1')).toBe('HZ-Xiaoshan-04');
    const sites = (await (await s.call('GET', '/api/inventory/sites', undefined, as('viewer'))).json()) as {
      sites: { name: string }[];
    };
    expect(sites.sites.map((x) => x.name)).not.toContain('HZ-Xiaoshan-04-annex');
    // a move between sites the rules see alike stays editor work
    const twin = { ...funded, name: 'HZ-Xiaoshan-04-twin' };
    expect((await importAs('admin', snapshot([funded, twin], [h20]))).status).toBe(200);
    const sideways = await importAs('editor', snapshot([funded, twin], [{ ...h20, site: twin.name }]));
    expect(sideways.status).toBe(200);
    expect((await importAs('editor', snapshot([funded, twin], [h20]))).status).toBe(200);

    const admin = await importAs('admin', move);
    expect(admin.status).toBe(200);
    expect(await siteOf('hw-h20-1')).toBe('HZ-Xiaoshan-04-annex');
    // nor may an editor undo the admin's move back, though an admin may
    const { batch } = (await admin.json()) as { batch: string };
    const undo = await s.call('POST', '/api/inventory/undo', { change: batch }, as('editor'));
    expect(undo.status).toBe(403);
    expect(((await undo.json()) as { error: string }).error).toBe(
      `undoing batch ${batch} would move record hw-h20-1 from site HZ-Xiaoshan-04-annex to site HZ-Xiaoshan-04, which differ in region: compliance rules select sites by it, so that needs the admin role; nothing was written`,
    );
    expect(await siteOf('hw-h20-1')).toBe('HZ-Xiaoshan-04-annex');
    expect((await s.call('POST', '/api/inventory/undo', { change: batch }, as('viewer'))).status).toBe(403);
    expect((await s.call('POST', '/api/inventory/undo', { change: batch }, as('admin'))).status).toBe(200);
    expect(await siteOf('hw-h20-1')).toBe('HZ-Xiaoshan-04');
  });

  it('refuses an editor an undo that would create a state-funded site again', async () => {
    const created = await importAs('admin', snapshot([{ name: 'SZ-Nanshan-01', stateFunded: true }], []));
    expect(created.status).toBe(200);
    const removed = await s.call(
      'POST',
      '/api/inventory/undo',
      { change: ((await created.json()) as { batch: string }).batch },
      as('admin'),
    );
    expect(removed.status).toBe(200);
    const { batch } = (await removed.json()) as { batch: string };
    const redo = await s.call('POST', '/api/inventory/undo', { change: batch }, as('editor'));
    expect(redo.status).toBe(403);
    expect(((await redo.json()) as { error: string }).error).toBe(
      `undoing batch ${batch} would create site SZ-Nanshan-01 again with stateFunded set: compliance rules select sites by it, so that needs the admin role; nothing was written`,
    );
    expect((await s.call('POST', '/api/inventory/undo', { change: batch }, as('admin'))).status).toBe(200);
  });
});
