/**
 * A NUL character (U+0000) in a snapshot's text: PostgreSQL refuses it in a text column (SQLSTATE 22021), and the
 * SQLite store refused it only at the write, naming no field. The record schema refuses it for both stores, with
 * the field named (hostile-input review, 2026-12-07).
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { parseInventoryJson } from '../src/inventory';

const catalog = loadBuiltinCatalog();

const site = (notes: string | null, name = 'X') => ({
  name,
  region: null,
  stateFunded: false,
  projectCompletionPct: null,
  commissioningDate: null,
  notes,
});
const snapshot = (sites: unknown[]) =>
  JSON.stringify({
    format: 'chipmix-inventory',
    formatVersion: 1,
    sites,
    purchaseOrders: [],
    hardware: [],
    policies: [],
  });

describe('text a store cannot keep', () => {
  it('refuses a NUL in a site note or name, naming the field', () => {
    const notes = parseInventoryJson(snapshot([site('a\u0000b')]), 's.json', catalog);
    expect(notes.ok).toBe(false);
    expect(notes.issues?.[0]?.path).toBe('s.json: sites[0].notes');
    expect(notes.issues?.[0]?.message).toMatch(/NUL character/);
    const name = parseInventoryJson(snapshot([site(null, 'A\u0000')]), 's.json', catalog);
    expect(name.issues?.[0]?.path).toBe('s.json: sites[0].name');
  });

  it('keeps other text, control characters included', () => {
    expect(parseInventoryJson(snapshot([site('tab\there')]), 's.json', catalog).ok).toBe(true);
  });
});
