/**
 * Validating catalog files. The same schema checks the built-in data and user files; problems come
 * back as {@link Issue}s whose `path` is the zod path (`chips[3].specs.hbmCapacityGB.value`), and
 * {@link formatFileIssue} prefixes the file name for people:
 * `extra.yaml: chips[3].specs.hbmCapacityGB.value: expected a positive number`.
 */

import { say } from '../messages/say';
import { fail, formatIssue, formatPath, type Issue, ok, type Result } from '../result';
import { buildCatalog, type Catalog, checkCatalogReferences } from './catalog';
import { BUILTIN_CATALOG_FILES } from './data/index';
import { type CatalogFile, catalogFileSchema } from './schema';

/** Validates one parsed file (the output of a YAML or JSON parser) against the catalog schema. */
export function parseCatalogFile(input: unknown): Result<CatalogFile> {
  // an empty file (null) or a list is not a catalog at all: one line, not zod's "expected object, received null"
  if (input === null || input === undefined || typeof input !== 'object' || Array.isArray(input))
    return fail({
      code: 'not_mapping',
      path: '',
      message: say('catalog.not-mapping', {
        kind:
          input === null || input === undefined
            ? 'an empty file'
            : Array.isArray(input)
              ? 'a list'
              : typeof input,
      }),
    });
  const parsed = catalogFileSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return fail(
    ...parsed.error.issues.map((issue) => ({
      code: `schema/${issue.code}`,
      path: formatPath(issue.path),
      message: readableMessage(issue.message),
    })),
  );
}

/** zod says "Invalid input: expected string, received undefined" for a missing field; say it plainly. */
function readableMessage(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return missing === null ? message : `required field missing (expected ${missing[1]})`;
}

/** `file: path: message`, the one-line form every adapter prints. */
export function formatFileIssue(file: string, issue: Issue): string {
  return `${file}: ${formatIssue(issue)}`;
}

export interface NamedCatalogFile {
  /** How to name the file in messages: the path as the user gave it. */
  readonly name: string;
  readonly file: CatalogFile;
}

/**
 * Merges validated files in order (later ids replace earlier ones) and checks the references between
 * entries (a system's chip, a chip's default system, an alias target). Issues name the file that
 * holds the dangling reference in their path.
 */
export function assembleCatalog(files: ReadonlyArray<NamedCatalogFile>): Result<Catalog> {
  const catalog = buildCatalog(files.map((f) => f.file));
  const issues = checkCatalogReferences(catalog, (kind, id) => {
    // The last file that defines an id is the one whose entry survived the merge.
    for (let i = files.length - 1; i >= 0; i--) {
      const file = files[i]!;
      const list = kind === 'chip' ? file.file.chips : file.file.systems;
      const index = list?.findIndex((entry) => entry.id === id) ?? -1;
      if (index >= 0) return { file: file.name, path: `${kind === 'chip' ? 'chips' : 'systems'}[${index}]` };
    }
    return { file: '?', path: id };
  });
  return issues.length === 0 ? ok(catalog) : fail(...issues);
}

/** The validated built-in catalog; throws if the shipped data is broken (a programmer error). */
export function loadBuiltinCatalog(): Catalog {
  const files: NamedCatalogFile[] = [];
  for (const { name, file } of BUILTIN_CATALOG_FILES) {
    const parsed = parseCatalogFile(file);
    if (!parsed.ok) {
      throw new Error(`built-in catalog ${name}: ${parsed.issues.map((i) => formatIssue(i)).join('; ')}`);
    }
    files.push({ name: `built-in ${name}`, file: parsed.value });
  }
  const catalog = assembleCatalog(files);
  if (!catalog.ok) throw new Error(catalog.issues.map((i) => formatIssue(i)).join('; '));
  return catalog.value;
}
