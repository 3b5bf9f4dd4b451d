/**
 * The server's one writer: a worker thread with its own connection to the store that reads
 * inventory files, previews and applies imports and undos, one request at a time (a queue). The
 * HTTP thread never parses an uploaded file or waits on a write lock, so a 100,000-row import or a
 * CLI import holding the lock leaves every other request answering.
 * Each request is answered as an HTTP status and body, so the route only relays.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { zodIssues } from '../core/contract';
import { say } from '../core/messages/say';
import { formatIssue } from '../core/result';
import {
  detectFormat,
  ImportConflictError,
  ImportForbiddenError,
  ImportInvalidError,
  importInventory,
  parseInventoryFile,
  previewImport,
} from '../inventory/index';
import { UndoRefusedError, undoBatch } from '../inventory/undo';
import { writeContext } from '../store/context';
import { ConflictError, describeStoreFailure, InvalidRecordError, NotFoundError } from '../store/errors';
import { openStore, type Store, type StoreLocation } from '../store/open';
import { importSchema } from './schemas/compliance';
import { serveRequests } from './worker-spawn';
import type { WriterReply, WriterRequest } from './writer';

interface WriterData {
  readonly store: StoreLocation;
  readonly catalog: Catalog;
}

const { store: location, catalog } = workerData as WriterData;
let opened: Promise<Store> | null = null;
const store = () => {
  opened ??= openStore(
    location.kind === 'postgres'
      ? { url: location.url, env: {} }
      : { dataDir: location.file.replace(/[\\/]chipmix\.db$/, ''), env: {} },
  );
  return opened;
};

async function handle(request: WriterRequest): Promise<WriterReply> {
  const ctx = writeContext(request.actor);
  const admin = request.role === 'admin';
  const s = await store();
  if (request.kind === 'undo') {
    const summary = await undoBatch(s, ctx, request.change, { allowPolicyChanges: admin });
    return { status: 200, body: { ...summary } };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.raw));
  } catch {
    const message = 'the body is not valid JSON';
    return { status: 400, body: { error: message, issues: [{ code: 'bad_body', path: '', message }] } };
  }
  const checked = importSchema.safeParse(json);
  if (!checked.success) {
    const issues = zodIssues(checked.error);
    return {
      status: 400,
      body: {
        error: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))[0] ?? 'invalid request',
        issues,
      },
    };
  }
  const body = checked.data;
  const format = body.format ?? detectFormat(body.fileName, body.text);
  const parsed = parseInventoryFile(body.text, body.fileName, format, catalog);
  if (!parsed.ok)
    return {
      status: 400,
      body: {
        error: say('import.refused', { file: body.fileName, count: parsed.issues.length }),
        issues: parsed.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })),
      },
    };
  const options = { replace: body.replace, allowDuplicates: body.allowDuplicates, file: body.fileName };
  if (body.dryRun)
    return {
      status: 200,
      // the preview refuses what the import would refuse for this role (a clean preview, then 403, before)
      body: { format, ...(await previewImport(s, parsed.value, { ...options, allowPolicyChanges: admin })) },
    };
  // Replacing deletes what the file does not hold: only what a person saw in a preview.
  if (body.replace && body.confirm === undefined)
    return {
      status: 400,
      body: {
        error:
          'replace deletes the records the file does not hold: preview first (dryRun: true) and send its confirmation as confirm',
        issues: [{ code: 'required', path: 'confirm', message: 'required with replace' }],
      },
    };
  const summary = await importInventory(s, ctx, parsed.value, {
    ...options,
    ...(body.confirm === undefined ? {} : { confirm: body.confirm }),
    // rules change only by an admin, whichever way they arrive
    allowPolicyChanges: admin,
  });
  return { status: 200, body: { format, ...summary } };
}

/** Expected failures as answers; anything else is an internal error (logged by the server). */
function failure(error: unknown, location: string): WriterReply {
  if (error instanceof ImportForbiddenError) return { status: 403, body: { error: error.message } };
  if (error instanceof ImportInvalidError)
    return {
      status: 400,
      body: {
        error: error.message,
        issues: error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })),
      },
    };
  if (error instanceof InvalidRecordError)
    return {
      status: 400,
      body: {
        error: error.message,
        issues: [{ code: 'invalid_record', path: 'text', message: error.message }],
      },
    };
  if (error instanceof NotFoundError) return { status: 404, body: { error: error.message } };
  if (
    error instanceof ConflictError ||
    error instanceof ImportConflictError ||
    error instanceof UndoRefusedError
  )
    return { status: 409, body: { error: error.message } };
  const store = describeStoreFailure(error, location);
  if (store) return { status: 503, body: { error: store.message } };
  return {
    status: 500,
    body: { error: 'internal error' },
    internal:
      error instanceof Error
        ? (error.stack ?? error.message)
        : formatIssue({ code: '', path: '', message: String(error) }),
  };
}

const where = location.kind === 'postgres' ? 'the PostgreSQL store' : location.file;
// One request at a time, in arrival order: the queue of writers.
serveRequests<WriterRequest, WriterReply>(
  parentPort!,
  async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      return failure(error, where);
    }
  },
  async () => {
    if (opened) await (await opened.catch(() => null))?.close();
  },
);
