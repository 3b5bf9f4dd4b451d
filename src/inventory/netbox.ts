/**
 * NetBox import: the REST API's JSON (NetBox 4.x), saved as one "bundle" file:
 *   { "sites": [...], "devices": [...], "modules": [...], "inventory_items": [...], "aliases"?: {...} }
 * Each list may be a bare array or a whole list response `{ count, next, previous, results }`.
 * Accelerators are read from three places (docs/COMPLIANCE.md, "NetBox mapping"):
 *   (a) modules whose module type maps to a catalog id (one record per module, with its serial);
 *   (b) inventory items whose role is GPU/NPU/accelerator (NetBox < 4.3 installs);
 *   (c) device custom fields `accelerator_model` + `accelerator_count` (count-only, no serials).
 * Model names map to catalog ids through the `aliases` map, then by normalised id or name.
 */
import type { Catalog } from '../core/catalog/catalog';
import { type HardwareStatus, MAX_QUANTITY_PER_RECORD } from '../core/compliance/types';
import type { NewHardware, ParsedInventory, SiteInput } from '../core/inventory/records';
import { say } from '../core/messages/say';
import { fail, type Issue, ok, type Result } from '../core/result';
import {
  clip,
  isIsoDate,
  LONE_SURROGATE_MESSAGE,
  loneSurrogatePath,
  mayHoldLoneSurrogate,
  suggestIds,
} from './validate';

type Json = Record<string, unknown>;

const ACCELERATOR_ROLES = new Set(['gpu', 'npu', 'accelerator', 'ai-accelerator', 'xpu', 'tpu']);

/** NetBox status values to ours: anything physically in the racks counts as installed. */
const STATUS_MAP: Record<string, HardwareStatus> = {
  active: 'installed',
  offline: 'installed',
  failed: 'installed',
  staged: 'installed',
  decommissioning: 'installed',
  planned: 'planned',
  inventory: 'ordered',
};

export interface NetboxOptions {
  /** Extra model-name -> catalog-id aliases (they win over the bundle's own). */
  readonly aliases?: Readonly<Record<string, string>>;
}

export function parseNetboxBundle(
  text: string,
  file: string,
  catalog: Catalog,
  options: NetboxOptions = {},
): Result<ParsedInventory> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail({
      code: 'invalid_json',
      path: file,
      message: say('import.invalid-json', { cause: (error as Error).message }),
    });
  }
  const surrogate = mayHoldLoneSurrogate(text) ? loneSurrogatePath(raw) : null;
  if (surrogate !== null)
    return fail({ code: 'not_unicode', path: `${file}: ${surrogate}`, message: LONE_SURROGATE_MESSAGE });
  if (!isObject(raw))
    return fail({
      code: 'invalid_bundle',
      path: file,
      message: say('netbox.bundle'),
    });
  const issues: Issue[] = [];
  const list = (keys: string[]): { key: string; items: Json[] } => {
    for (const key of keys) {
      const value = raw[key];
      if (value === undefined) continue;
      const items = Array.isArray(value)
        ? value
        : isObject(value) && Array.isArray(value.results)
          ? value.results
          : null;
      if (!items) {
        issues.push({
          code: 'invalid_list',
          path: `${file}: ${key}`,
          message: say('netbox.list'),
        });
        return { key, items: [] };
      }
      return {
        key,
        items: items.filter(
          (item, i) =>
            isObject(item) ||
            !issues.push({
              code: 'invalid_object',
              path: `${file}: ${key}[${i}]`,
              message: say('netbox.object'),
            }),
        ) as Json[],
      };
    }
    return { key: keys[0]!, items: [] };
  };
  const sitesList = list(['sites', 'dcim/sites']);
  const devicesList = list(['devices', 'dcim/devices']);
  const modulesList = list(['modules', 'dcim/modules']);
  const itemsList = list(['inventory_items', 'inventory-items', 'dcim/inventory-items']);
  const aliases = new Map<string, string>();
  const bundleAliases = raw.aliases;
  if (isObject(bundleAliases))
    for (const [k, v] of Object.entries(bundleAliases)) if (typeof v === 'string') aliases.set(norm(k), v);
  for (const [k, v] of Object.entries(options.aliases ?? {})) aliases.set(norm(k), v);
  const resolve = modelResolver(catalog, aliases);

  // Sites
  const sites = new Map<string, SiteInput>();
  const siteById = new Map<number, string>();
  sitesList.items.forEach((site, i) => {
    const path = `${file}: ${sitesList.key}[${i}]`;
    const name = str(site.name);
    if (!name) {
      issues.push({
        code: 'invalid_site',
        path: `${path}.name`,
        message: say('import.site-name'),
      });
      return;
    }
    if (typeof site.id === 'number') siteById.set(site.id, name);
    const cf = isObject(site.custom_fields) ? site.custom_fields : {};
    const region = isObject(site.region)
      ? (str(site.region.name) ?? str(site.region.slug))
      : str(site.region);
    const input: { -readonly [K in keyof SiteInput]: SiteInput[K] } = { name, region: region ?? null };
    if (cf.state_funded !== undefined && cf.state_funded !== null) {
      if (typeof cf.state_funded !== 'boolean')
        issues.push({
          code: 'invalid_value',
          path: `${path}.custom_fields.state_funded`,
          message: say('model.boolean'),
        });
      else input.stateFunded = cf.state_funded;
    }
    if (cf.project_completion_pct !== undefined && cf.project_completion_pct !== null) {
      const pct = cf.project_completion_pct;
      if (typeof pct !== 'number' || pct < 0 || pct > 100)
        issues.push({
          code: 'invalid_value',
          path: `${path}.custom_fields.project_completion_pct`,
          message: say('scenario.percent'),
        });
      else input.projectCompletionPct = pct;
    }
    const commissioned = dateField(cf, 'commissioning_date', `${path}.custom_fields`, issues);
    if (commissioned !== undefined) input.commissioningDate = commissioned;
    sites.set(name, input);
  });

  // Devices: where each is, and accelerators recorded as custom fields (pattern c).
  const hardware: NewHardware[] = [];
  const devices = new Map<number, { site: string; status: string | undefined; cf: Json }>();
  devicesList.items.forEach((device, i) => {
    const path = `${file}: ${devicesList.key}[${i}]`;
    const site = siteName(device.site, siteById);
    if (!site) {
      issues.push({
        code: 'invalid_device',
        path: `${path}.site`,
        message: say('netbox.device-site'),
      });
      return;
    }
    if (!sites.has(site)) sites.set(site, { name: site });
    const cf = isObject(device.custom_fields) ? device.custom_fields : {};
    const status = statusValue(device.status);
    if (typeof device.id === 'number') devices.set(device.id, { site, status, cf });
    const model = str(cf.accelerator_model);
    if (model === undefined) return;
    const count = cf.accelerator_count;
    if (
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < 1 ||
      count > MAX_QUANTITY_PER_RECORD
    ) {
      issues.push({
        code: 'invalid_value',
        path: `${path}.custom_fields.accelerator_count`,
        message: say('netbox.quantity', { max: MAX_QUANTITY_PER_RECORD }),
      });
      return;
    }
    const id = resolve(model, undefined);
    if (!id) {
      issues.push(unknownModel(`${path}.custom_fields.accelerator_model`, model, catalog));
      return;
    }
    const record = recordFor(site, id, count, status, cf, cf, [], `${path}`, issues, str(device.name));
    if (record) hardware.push(record);
  });

  const deviceOf = (ref: unknown, path: string) => {
    const id = isObject(ref) ? ref.id : ref;
    const device = typeof id === 'number' ? devices.get(id) : undefined;
    if (!device)
      issues.push({
        code: 'unknown_device',
        path,
        message: say('netbox.unknown-device', { id: clip(String(id)) }),
      });
    return device;
  };

  // (a) modules
  let skippedModules = 0;
  modulesList.items.forEach((module, i) => {
    const path = `${file}: ${modulesList.key}[${i}]`;
    const type = isObject(module.module_type) ? module.module_type : {};
    const model = str(type.model);
    const manufacturer = isObject(type.manufacturer) ? str(type.manufacturer.name) : undefined;
    const profile = isObject(type.profile) ? str(type.profile.name) : str(type.profile);
    const id = model === undefined ? undefined : resolve(model, manufacturer);
    if (!id) {
      const isAccelerator = profile !== undefined && /gpu|accelerator|npu/i.test(profile);
      if (isAccelerator) issues.push(unknownModel(`${path}.module_type.model`, model ?? '', catalog));
      else skippedModules++;
      return;
    }
    const device = deviceOf(module.device, `${path}.device`);
    if (!device) return;
    const cf = isObject(module.custom_fields) ? module.custom_fields : {};
    const serial = str(module.serial);
    const record = recordFor(
      device.site,
      id,
      1,
      statusValue(module.status) ?? device.status,
      cf,
      device.cf,
      serial ? [serial] : [],
      path,
      issues,
      undefined,
    );
    if (record) hardware.push(record);
  });

  // (b) inventory items with an accelerator role
  itemsList.items.forEach((item, i) => {
    const path = `${file}: ${itemsList.key}[${i}]`;
    const role = isObject(item.role) ? (str(item.role.slug) ?? str(item.role.name)) : str(item.role);
    if (!role || !ACCELERATOR_ROLES.has(norm(role))) return;
    const manufacturer = isObject(item.manufacturer) ? str(item.manufacturer.name) : undefined;
    const model = str(item.part_id) ?? str(item.name) ?? '';
    const id = resolve(model, manufacturer) ?? resolve(str(item.name) ?? '', manufacturer);
    if (!id) {
      issues.push(unknownModel(`${path}.part_id`, model, catalog));
      return;
    }
    const device = deviceOf(item.device, `${path}.device`);
    if (!device) return;
    const cf = isObject(item.custom_fields) ? item.custom_fields : {};
    const serial = str(item.serial);
    const record = recordFor(
      device.site,
      id,
      1,
      statusValue(item.status) ?? device.status,
      cf,
      device.cf,
      serial ? [serial] : [],
      path,
      issues,
      undefined,
    );
    if (record) hardware.push(record);
  });

  if (issues.length > 0) return fail(...issues.slice(0, 200));
  const warnings =
    skippedModules > 0
      ? [`${skippedModules} modules are not accelerators (no catalog match) and were skipped`]
      : [];
  if (hardware.length === 0) warnings.push(say('import.no-accelerators'));
  return ok({ sites: [...sites.values()], hardware, mode: 'append', warnings });
}

function recordFor(
  site: string,
  hardwareId: string,
  quantity: number,
  netboxStatus: string | undefined,
  cf: Json,
  deviceCf: Json,
  serials: string[],
  path: string,
  issues: Issue[],
  note: string | undefined,
): NewHardware | undefined {
  const status = STATUS_MAP[netboxStatus ?? 'active'];
  if (!status) {
    issues.push({
      code: 'invalid_value',
      path: `${path}.status`,
      message: say('netbox.status', {
        status: clip(netboxStatus ?? ''),
        values: Object.keys(STATUS_MAP).join(', '),
      }),
    });
    return undefined;
  }
  const before = issues.length;
  const installDate =
    dateField(cf, 'install_date', `${path}.custom_fields`, issues) ??
    dateField(deviceCf, 'install_date', `${path}.device.custom_fields`, issues) ??
    null;
  const decommissionDate =
    dateField(cf, 'decommission_date', `${path}.custom_fields`, issues) ??
    dateField(deviceCf, 'decommission_date', `${path}.device.custom_fields`, issues) ??
    null;
  if (installDate && decommissionDate && decommissionDate <= installDate) {
    issues.push({
      code: 'invalid_value',
      path: `${path}.custom_fields.decommission_date`,
      message: say('netbox.decommission-order'),
    });
  }
  if (issues.length > before) return undefined;
  return {
    site,
    hardwareId,
    quantity,
    status,
    installDate,
    decommissionDate,
    serials,
    notes: note ?? null,
    purchaseOrderId: null,
  };
}

function modelResolver(catalog: Catalog, aliases: Map<string, string>) {
  const byName = new Map<string, string>();
  for (const chip of catalog.chips.values()) byName.set(norm(chip.name), chip.id);
  for (const system of catalog.systems.values()) byName.set(norm(system.name), system.id);
  const ids = [...catalog.chips.keys(), ...catalog.systems.keys()];
  const known = (id: string) => catalog.chips.has(id) || catalog.systems.has(id);
  return (model: string, manufacturer: string | undefined): string | undefined => {
    const m = norm(model);
    if (m === '') return undefined;
    const alias = aliases.get(m);
    if (alias !== undefined) return known(alias) ? alias : undefined;
    if (known(m)) return m;
    if (manufacturer && known(`${norm(manufacturer)}-${m}`)) return `${norm(manufacturer)}-${m}`;
    const named = byName.get(m) ?? (manufacturer ? byName.get(norm(`${manufacturer} ${model}`)) : undefined);
    if (named) return named;
    const suffix = ids.filter((id) => id.endsWith(`-${m}`));
    return suffix.length === 1 ? suffix[0] : undefined;
  };
}

function unknownModel(path: string, model: string, catalog: Catalog): Issue {
  const ids = suggestIds(catalog, norm(model));
  return {
    code: 'unknown_hardware',
    path,
    message: ids
      ? say('netbox.unknown-model-suggest', { model: clip(model), ids })
      : say('netbox.unknown-model', { model: clip(model) }),
  };
}

function dateField(cf: Json, key: string, path: string, issues: Issue[]): string | undefined {
  const value = cf[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !isIsoDate(value.slice(0, 10))) {
    issues.push({ code: 'invalid_value', path: `${path}.${key}`, message: say('request.date') });
    return undefined;
  }
  return value.slice(0, 10);
}

function siteName(ref: unknown, byId: Map<number, string>): string | undefined {
  if (isObject(ref)) return str(ref.name) ?? (typeof ref.id === 'number' ? byId.get(ref.id) : undefined);
  return typeof ref === 'number' ? byId.get(ref) : str(ref);
}

function statusValue(status: unknown): string | undefined {
  return isObject(status) ? str(status.value) : str(status);
}

function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
