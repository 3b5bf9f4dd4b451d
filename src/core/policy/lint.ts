/**
 * Warnings about a policy document that is valid but probably mistyped (pure): a denied or domestic hardware id or
 * vendor that the catalog does not know, a site or region that no site of the inventory has. Such a rule is stored as
 * written (a site may be created later), but it denies nothing or binds nothing until then, so `policy add` says so.
 */
import { type Catalog, findEntry, suggestIds } from '../catalog/catalog';
import { say } from '../messages/say';
import type { PolicyFile } from './schema';

/** What a policy is checked against: the inventory's sites with their regions. */
export interface PolicySiteFacts {
  readonly name: string;
  readonly region: string | null;
}

export function policyWarnings(
  document: PolicyFile,
  catalog: Catalog,
  sites: readonly PolicySiteFacts[],
): string[] {
  const vendors = new Set([...catalog.chips.values()].map((chip) => chip.vendor.toLowerCase()));
  const siteNames = new Set(sites.map((s) => s.name));
  const regions = new Set(sites.flatMap((s) => (s.region === null ? [] : [s.region.toLowerCase()])));
  const known = (id: string) => findEntry(catalog, id) !== null;
  const hint = (id: string) => {
    const close = suggestIds(catalog, id);
    return close.length > 0 ? say('policy.did-you-mean', { ids: close.slice(0, 3).join(', ') }) : '';
  };
  const warnings: string[] = [];
  document.rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    rule.deny?.forEach((name, j) => {
      if (!known(name) && !vendors.has(name.toLowerCase()))
        warnings.push(
          say('policy.deny-unknown', { path: `${at}.deny[${j}]`, value: name, hint: hint(name) }),
        );
    });
    rule.domestic?.vendors?.forEach((name, j) => {
      if (!vendors.has(name.toLowerCase()))
        warnings.push(
          say('policy.vendor-unknown', {
            path: `${at}.domestic.vendors[${j}]`,
            value: name,
            vendors: [...new Set([...catalog.chips.values()].map((c) => c.vendor))].sort().join(', '),
          }),
        );
    });
    rule.domestic?.hardwareIds?.forEach((id, j) => {
      if (!known(id))
        warnings.push(
          say('policy.hardware-unknown', {
            path: `${at}.domestic.hardwareIds[${j}]`,
            value: id,
            hint: hint(id),
          }),
        );
    });
    rule.appliesTo.sites?.forEach((name, j) => {
      if (!siteNames.has(name))
        warnings.push(say('policy.site-unknown', { path: `${at}.appliesTo.sites[${j}]`, value: name }));
    });
    rule.appliesTo.regions?.forEach((name, j) => {
      if (!regions.has(name.toLowerCase()))
        warnings.push(say('policy.region-unknown', { path: `${at}.appliesTo.regions[${j}]`, value: name }));
    });
  });
  return warnings;
}
