/** Every endpoint in-process (no socket), without login: answers, bad bodies, 404/405/413/415, headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CSV, ESTIMATE_BODY, type TestServer, testServer } from './helpers';

let s: TestServer;
beforeAll(async () => {
  s = await testServer('none');
});
afterAll(() => s.close());

const json = async (res: Response) =>
  (await res.json()) as Record<string, unknown> & { issues?: { path: string; message: string }[] };

describe('catalog and models', () => {
  it('lists entries, filtered by domestic and vendor', async () => {
    const all = await json(await s.call('GET', '/api/catalog'));
    const domestic = await json(await s.call('GET', '/api/catalog?domestic=true'));
    const huawei = await json(await s.call('GET', '/api/catalog?vendor=huawei&kind=chip'));
    const rows = (x: Record<string, unknown>) =>
      x.entries as { id: string; domestic: boolean; kind: string }[];
    expect(rows(all).length).toBeGreaterThan(rows(domestic).length);
    expect(rows(domestic).every((r) => r.domestic)).toBe(true);
    expect(rows(huawei).length).toBeGreaterThan(0);
    expect(rows(huawei).every((r) => r.id.startsWith('huawei-') && r.kind === 'chip')).toBe(true);
  });

  it('refuses a bad filter with 400 and the field', async () => {
    const res = await s.call('GET', '/api/catalog?domestic=maybe');
    expect(res.status).toBe(400);
    expect((await json(res)).issues?.[0]?.path).toBe('domestic');
  });

  it('shows one entry with sourced values, 404 for an unknown id', async () => {
    const entry = await json(await s.call('GET', '/api/catalog/huawei-ascend-910b3'));
    expect(entry.id).toBe('huawei-ascend-910b3');
    expect(JSON.stringify(entry)).toContain('confidence');
    const missing = await s.call('GET', '/api/catalog/no-such-chip');
    expect(missing.status).toBe(404);
    expect((await json(missing)).error).toContain('no-such-chip');
  });

  it('compares entries; unknown ids are a 400 naming them', async () => {
    const res = await s.call('GET', '/api/catalog/compare?ids=huawei-ascend-910b3,nvidia-h20');
    expect(res.status).toBe(200);
    const cmp = await json(res);
    expect(cmp.ids).toEqual(['huawei-ascend-910b3', 'nvidia-h20']);
    const bad = await s.call('GET', '/api/catalog/compare?ids=nvidia-h20,nope-1');
    expect(bad.status).toBe(400);
    expect((await json(bad)).issues).toEqual([
      { code: 'unknown_id', path: 'ids', message: 'unknown catalog id "nope-1"' },
    ]);
    expect((await s.call('GET', '/api/catalog/compare?ids=nvidia-h20')).status).toBe(400);
  });

  it('lists model presets', async () => {
    const res = await json(await s.call('GET', '/api/models'));
    const names = (res.presets as { name: string }[]).map((p) => p.name);
    expect(names).toContain('llama3-8b');
  });
});

describe('training', () => {
  it('estimates a run', async () => {
    const res = await s.call('POST', '/api/train/estimate', ESTIMATE_BODY);
    expect(res.status).toBe(200);
    const est = await json(res);
    expect(est.stepSeconds).toBeGreaterThan(0);
    expect((est.layout as { tp: number; dp: number }).dp).toBe(32);
    expect(est.errorBand).toBeDefined();
  });

  it('accepts global batch in tokens and a token count like 15T', async () => {
    const { globalBatch: _, ...rest } = ESTIMATE_BODY;
    const res = await s.call('POST', '/api/train/estimate', {
      ...rest,
      globalBatchTokens: 512 * 4096,
      tokens: '1T',
    });
    expect(res.status).toBe(200);
    expect((await json(res)).daysToTrain).toBeGreaterThan(0);
  });

  it('lists every schema problem with its path', async () => {
    const res = await s.call('POST', '/api/train/estimate', {
      model: 'llama3-8b',
      devices: -1,
      layout: { tp: 0, foo: 1 },
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    const paths = body.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['hardware', 'devices', 'seqLen', 'layout.tp', 'layout']));
    expect(typeof body.error).toBe('string');
  });

  it('reports an unknown model or hardware as a 400 from the core', async () => {
    const res = await s.call('POST', '/api/train/estimate', {
      ...ESTIMATE_BODY,
      model: 'llama9',
      hardware: 'nope',
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.issues!.map((i) => i.path).sort()).toEqual(['hardware', 'model']);
  });

  it('requires one of globalBatch or globalBatchTokens', async () => {
    const { globalBatch: _, ...rest } = ESTIMATE_BODY;
    const res = await s.call('POST', '/api/train/estimate', rest);
    expect(res.status).toBe(400);
    expect((await json(res)).issues?.[0]?.path).toBe('globalBatch');
  });

  it('rejects malformed JSON, a wrong content type and an oversized body', async () => {
    const broken = await s.call('POST', '/api/train/estimate', '{"model":', {
      'content-type': 'application/json',
    });
    expect(broken.status).toBe(400);
    expect((await json(broken)).error).toBe('the body is not valid JSON');
    const text = await s.call('POST', '/api/train/estimate', 'model=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const huge = await s.call('POST', '/api/train/estimate', JSON.stringify({ model: 'x'.repeat(300_000) }));
    expect(huge.status).toBe(413);
  });

  it('runs a search as a job with progress, and cancels one', async () => {
    const start = await s.call('POST', '/api/train/search', {
      request: { ...ESTIMATE_BODY, layout: {} },
      top: 3,
    });
    expect(start.status).toBe(202);
    const job = await json(start);
    expect(start.headers.get('location')).toBe(`/api/jobs/${job.id}`);
    let view = job;
    for (let i = 0; i < 200 && view.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await json(await s.call('GET', `/api/jobs/${job.id}`));
    }
    expect(view.state).toBe('done');
    expect(view.progress).toBe(1);
    const result = view.result as { top: { stepSeconds: number }[]; evaluated: number };
    expect(result.top.length).toBeGreaterThan(0);
    expect(result.top.length).toBeLessThanOrEqual(3);
    expect(result.evaluated).toBeGreaterThan(result.top.length);
    // a large search, cancelled at once
    const big = await json(
      await s.call('POST', '/api/train/search', {
        request: {
          model: 'llama3.1-405b',
          hardware: 'nvidia-h100-sxm5-80gb',
          devices: 16384,
          seqLen: 8192,
          globalBatch: 2048,
        },
      }),
    );
    const cancelled = await json(await s.call('DELETE', `/api/jobs/${big.id}`));
    expect(cancelled.state).toBe('cancelled');
    expect((await json(await s.call('GET', `/api/jobs/${big.id}`))).state).toBe('cancelled');
  });

  it('streams job events as server-sent events ending with the result', async () => {
    const job = await json(
      await s.call('POST', '/api/train/search', { request: { ...ESTIMATE_BODY, layout: {} }, top: 1 }),
    );
    const res = await s.call('GET', `/api/jobs/${job.id}/events`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).toMatch(/event: end\ndata: \{.*"state":"done"/);
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    const unknown = `job_${'0'.repeat(32)}`;
    expect((await s.call('GET', `/api/jobs/${unknown}`)).status).toBe(404);
    expect((await s.call('DELETE', `/api/jobs/${unknown}`)).status).toBe(404);
    // the old time-and-counter ids are not ids any more
    expect((await s.call('GET', '/api/jobs/job_zzz')).status).toBe(400);
    expect((await s.call('GET', '/api/jobs/../etc')).status).toBe(404);
    expect((await s.call('GET', '/api/jobs/JOB!')).status).toBe(400);
  });

  it('lists the example scenarios', async () => {
    const res = await json(await s.call('GET', '/api/plan/examples'));
    const names = (res.examples as { name: string; yaml: string }[]).map((e) => e.name);
    expect(names).toContain('plan-mixed-two-sites');
  });

  it('validates a scenario as text or object, naming the field', async () => {
    const examples = (await json(await s.call('GET', '/api/plan/examples'))).examples as {
      name: string;
      yaml: string;
    }[];
    const yaml = examples.find((e) => e.name === 'plan-mixed-two-sites')!.yaml;
    expect(await json(await s.call('POST', '/api/plan/validate', { scenario: yaml }))).toEqual({
      ok: true,
      issues: [],
    });
    const broken = await json(
      await s.call('POST', '/api/plan/validate', {
        scenario: yaml.replace('objective: minCost', 'objective: cheapest'),
      }),
    );
    expect(broken.ok).toBe(false);
    expect(broken.issues![0]!.path).toContain('objective');
    const notYaml = await json(await s.call('POST', '/api/plan/validate', { scenario: 'a: [1, 2' }));
    expect(notYaml.issues![0]!.path).toBe('scenario');
    const refused = await s.call('POST', '/api/plan', { scenario: { name: 'x' } });
    expect(refused.status).toBe(400);
    expect(
      (await s.call('POST', '/api/plan', { scenario: yaml, sweep: { from: 50, to: 10, step: 5 } })).status,
    ).toBe(400);
  });

  it('solves a plan with a domestic-share sweep as a job', async () => {
    const examples = (await json(await s.call('GET', '/api/plan/examples'))).examples as {
      name: string;
      yaml: string;
    }[];
    const yaml = examples.find((e) => e.name === 'plan-mixed-two-sites')!.yaml;
    const start = await s.call('POST', '/api/plan', {
      scenario: yaml,
      sweep: { from: 0, to: 100, step: 50 },
    });
    expect(start.status).toBe(202);
    let view = await json(start);
    for (let i = 0; i < 600 && view.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await json(await s.call('GET', `/api/jobs/${view.id}`));
    }
    expect(view.state).toBe('done');
    const plan = view.result as {
      status: string;
      purchases: unknown[];
      sweep: { threshold: number; status: string }[];
    };
    expect(plan.status).toBe('optimal');
    expect(plan.purchases.length).toBeGreaterThan(0);
    expect(plan.sweep.map((p) => p.threshold)).toEqual([0, 0.5, 1]);
  });
});

describe('inventory and compliance', () => {
  it('starts empty, imports a CSV, and the compliance status changes', async () => {
    const before = await json(await s.call('GET', '/api/compliance/status?asOf=2026-01-15'));
    expect(before.sites).toEqual([]);
    const res = await s.call('POST', '/api/inventory/import', { text: DEMO_CSV, fileName: 'x.csv' });
    expect(res.status).toBe(200);
    const summary = await json(res);
    expect(summary.hardwareCreated).toBe(2);
    expect(summary.format).toBe('csv');
    const after = await json(await s.call('GET', '/api/compliance/status?asOf=2026-01-15'));
    const site = (after.sites as { site: string; shares: { count: number } }[])[0]!;
    expect(site.site).toBe('Test-Site-A');
    // 5 Atlas 800T A2 servers = 40 domestic packages, 10 HGX H20 = 80 foreign
    expect(site.shares.count).toBeCloseTo(40 / 120, 6);
    const records = await json(await s.call('GET', '/api/inventory'));
    expect((records.records as unknown[]).length).toBe(2);
    const sites = await json(await s.call('GET', '/api/inventory/sites'));
    expect((sites.sites as { name: string }[]).map((x) => x.name)).toEqual(['Test-Site-A']);
  });

  it('refuses a CSV with problems (row, column) and writes nothing', async () => {
    const res = await s.call('POST', '/api/inventory/import', {
      text: 'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes\nB,no-such-chip,1,installed,2025-01-01,,,\n',
      fileName: 'bad.csv',
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error).toContain('nothing was written');
    expect(body.issues!.length).toBeGreaterThan(0);
    expect(body.issues![0]!.message).toContain('no-such-chip');
    const records = await json(await s.call('GET', '/api/inventory'));
    expect((records.records as unknown[]).length).toBe(2);
  });

  it('validates the import body', async () => {
    const res = await s.call('POST', '/api/inventory/import', {
      text: '',
      fileName: '../../etc/passwd',
      replace: 'yes',
    });
    expect(res.status).toBe(400);
    expect((await json(res)).issues!.map((i) => i.path).sort()).toEqual(['fileName', 'replace', 'text']);
  });

  it('gives a trajectory and checks its dates', async () => {
    const t = await json(await s.call('GET', '/api/compliance/trajectory?from=2025-01-01&to=2026-01-01'));
    expect((t.points as { asOf: string }[])[0]!.asOf).toBe('2025-01-01');
    expect((t.points as unknown[]).length).toBeGreaterThanOrEqual(3);
    expect((await s.call('GET', '/api/compliance/trajectory?from=2026-01-01&to=2025-01-01')).status).toBe(
      400,
    );
    expect((await s.call('GET', '/api/compliance/trajectory?from=20260101')).status).toBe(400);
  });

  it('writes the HTML compliance report in English or Simplified Chinese', async () => {
    const en = await s.call('GET', '/api/compliance/report?asOf=2026-01-15');
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toMatch(/^text\/html/);
    expect(en.headers.get('content-disposition')).toContain('chipmix-compliance-2026-01-15.html');
    const enHtml = await en.text();
    expect(enHtml).toContain('<html lang="en">');
    expect(enHtml).toContain('Compliance report as of 2026-01-15');
    const zh = await s.call('GET', '/api/compliance/report?asOf=2026-01-15&lang=zh-CN');
    expect(zh.status).toBe(200);
    const zhHtml = await zh.text();
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(zhHtml).toContain('合规报告（截至 2026-01-15）');
    expect(zhHtml).not.toMatch(/Compliance report|Trajectory|Warnings|does not apply|domestic share/);
    expect((await s.call('GET', '/api/compliance/report?lang=fr')).status).toBe(400);
    expect(
      (await s.call('GET', '/api/compliance/report?asOf=2026-01-15&from=2027-01-01&to=2026-01-01')).status,
    ).toBe(400);
  });

  it('keeps the report and trajectory ranges inside the dates a query may name (0000-01-01..9999-12-31)', async () => {
    // asOf=0000-02-29 gave from -1-02-28; asOf=9999-12-31 gave to 10001-12-31
    const early = await (await s.call('GET', '/api/compliance/report?asOf=0000-02-29')).text();
    expect(early).not.toContain('-1-02-28');
    expect(early).toContain('0000-01-01');
    expect(early).toContain('0002-02-28');
    const late = await (await s.call('GET', '/api/compliance/report?asOf=9999-12-31')).text();
    expect(late).not.toContain('10001');
    expect(late).toContain('9998-12-31');
    const trajectory = await s.call('GET', '/api/compliance/trajectory?from=9999-06-30');
    expect(trajectory.status).toBe(200);
    expect(((await trajectory.json()) as { to: string }).to).toBe('9999-12-31');
  });

  it('computes a what-if without writing', async () => {
    const res = await s.call('POST', '/api/compliance/what-if', {
      asOf: '2026-01-15',
      add: [{ site: 'Test-Site-A', hardwareId: 'huawei-atlas-800t-a2', quantity: 10 }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      before: { sites: { shares: { count: number } }[] };
      after: typeof body.before;
    };
    expect(body.after.sites[0]!.shares.count).toBeGreaterThan(body.before.sites[0]!.shares.count);
    const bad = await s.call('POST', '/api/compliance/what-if', {
      add: [{ site: 'Test-Site-A', hardwareId: 'zz', quantity: 1 }],
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).issues![0]!.path).toBe('add.0.hardwareId');
    // a site the inventory does not have is refused, not invented (its facts would select its rules)
    const typo = await s.call('POST', '/api/compliance/what-if', {
      add: [{ site: 'Test-Site-Z', hardwareId: 'huawei-atlas-800t-a2', quantity: 1 }],
    });
    expect(typo.status).toBe(400);
    expect((await json(typo)).issues![0]!.path).toBe('add.0.site');
    const tooMany = await s.call('POST', '/api/compliance/what-if', {
      remove: [{ site: 'Test-Site-A', hardwareId: 'nvidia-hgx-h20', quantity: 99 }],
    });
    expect(tooMany.status).toBe(400);
  });

  it('shows the change log', async () => {
    const res = await json(await s.call('GET', '/api/changes?limit=2'));
    expect((res.changes as unknown[]).length).toBe(2);
    expect((await s.call('GET', '/api/changes?limit=0')).status).toBe(400);
  });
});

describe('protocol', () => {
  it('answers unknown paths with JSON 404 and wrong methods with 405 + Allow', async () => {
    const missing = await s.call('GET', '/api/nothing');
    expect(missing.status).toBe(404);
    expect((await json(missing)).error).toContain('/api/nothing');
    const wrong = await s.call('DELETE', '/api/catalog');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect((await s.call('GET', '/api/train/estimate')).status).toBe(405);
  });

  it('sets security headers and no CORS headers', async () => {
    const res = await s.call('GET', '/api/catalog', undefined, { origin: 'https://evil.example' });
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses writes from another origin', async () => {
    const res = await s.call('POST', '/api/train/estimate', ESTIMATE_BODY, {
      origin: 'https://evil.example',
      host: 'localhost',
    });
    expect(res.status).toBe(403);
    const same = await s.call('POST', '/api/train/estimate', ESTIMATE_BODY, {
      origin: 'http://localhost',
      host: 'localhost',
    });
    expect(same.status).toBe(200);
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = (await (await s.call('GET', '/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/catalog',
      '/api/catalog/{id}',
      '/api/train/estimate',
      '/api/train/search',
      '/api/jobs/{id}',
      '/api/inventory/import',
      '/api/compliance/status',
    ])
      expect(doc.paths[path]).toBeDefined();
    const schema = doc.paths['/api/train/estimate']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['model', 'hardware', 'devices', 'layout']),
    );
  });

  it('reports whoami and health', async () => {
    expect(await json(await s.call('GET', '/api/whoami'))).toEqual({
      user: 'local',
      role: 'admin',
      auth: 'none',
    });
    expect((await json(await s.call('GET', '/api/health'))).ok).toBe(true);
  });
});
