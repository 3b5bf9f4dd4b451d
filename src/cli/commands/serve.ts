/**
 * `chipmix serve`: the web app and HTTP API (src/server). `chipmix token create|revoke`: API tokens
 * for a server bound beyond loopback (`--auth token`). The server modules load only when used.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors';
import { printLine } from '../output-option';
import { cliCatalog, parseWholeNumber, withStore } from './inventory';

interface ServeCliOptions {
  host: string;
  port: string;
  dataDir?: string;
  demo?: boolean;
  auth: string;
  allowedHost?: string[];
  jobMinutes?: string;
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Serve the web app and HTTP API (loopback without login; other addresses need --auth token)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '8080')
    .option('--data-dir <dir>', 'directory of the embedded store (default: $CHIPMIX_DATA_DIR or ./.chipmix)')
    .option('--demo', 'load the demo inventory into an empty store on first start')
    .option('--auth <mode>', 'none | token (token: every API call needs a bearer token)', 'none')
    .option(
      '--allowed-host <name>',
      'another host name browsers use to reach this server (a DNS name, a proxy); repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--job-minutes <n>', 'the longest a search or plan job may run, in minutes (1-1440)', '10')
    .action(async (opts: ServeCliOptions, cmd: Command) => {
      if (opts.auth !== 'none' && opts.auth !== 'token')
        throw new UsageError(`--auth: expected none or token, got "${opts.auth}"`);
      // 0 asks the system for a free port
      const port = parseWholeNumber(opts.port, '--port', 0, 65535);
      const jobMinutes = parseWholeNumber(opts.jobMinutes ?? '10', '--job-minutes', 1, 1440);
      for (const name of opts.allowedHost ?? [])
        if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/i.test(name))
          throw new UsageError(
            `--allowed-host: expected a host name such as chipmix.example.com, got "${name}"`,
          );
      const { startServer, ServeRefused } = await import('../../server/node');
      const dataDir = opts.dataDir ?? cmd.optsWithGlobals<{ dataDir?: string }>().dataDir;
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          host: opts.host,
          port,
          dataDir,
          demo: opts.demo === true,
          auth: opts.auth,
          catalog: await cliCatalog(cmd),
          allowedHosts: opts.allowedHost ?? [],
          jobWallMs: jobMinutes * 60_000,
        });
      } catch (error) {
        if (error instanceof ServeRefused) throw new UsageError(error.message);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UsageError(`--port ${port}: the port is in use; choose another`);
        if (code === 'EADDRNOTAVAIL')
          throw new UsageError(`--host ${opts.host}: not an address of this machine`);
        if (code === 'EACCES' && (error as { syscall?: string }).syscall === 'listen')
          throw new UsageError(
            `--port ${port}: not allowed for this user (ports below 1024 need privileges)`,
          );
        // the store could not be opened (read-only, disk full, locked, unreachable): one line, exit 2
        const { describeStoreFailure } = await import('../../store/errors');
        const failure = describeStoreFailure(error, dataDir ?? 'the store');
        if (failure) throw new UsageError(failure.message);
        throw new UsageError(
          `cannot start the server: ${(error as Error).message?.split('\n')[0] ?? String(error)}`,
        );
      }
      if (server.demoRecords > 0) printLine(`Loaded the demo inventory (${server.demoRecords} records).`);
      if (!server.webRoot) printLine('The web app is not built (run `npm run build`); serving the API only.');
      printLine(`chipmix is serving at ${server.url}  (API: ${server.url}openapi.json; Ctrl-C stops)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });

  const token = program.command('token').description('API tokens for `chipmix serve --auth token`');
  token
    .command('create <user>')
    .description('Create a token (and the user when new); the token is printed once and stored hashed')
    .option('--role <role>', 'viewer | editor | admin (for a new user)', 'viewer')
    .option('--label <label>', 'a note to recognise the token by')
    .action(async (user: string, opts: { role: string; label?: string }, cmd: Command) => {
      const { ROLES, createApiToken, createUser, getUser } = await import('../../store/users');
      const { writeContext } = await import('../../store/context');
      if (!(ROLES as readonly string[]).includes(opts.role))
        throw new UsageError(`--role: expected one of ${ROLES.join(', ')}, got "${opts.role}"`);
      const created = await withStore(cmd, (store) =>
        store.db.transaction().execute(async (trx) => {
          const ctx = writeContext();
          const existing = await getUser(trx, user);
          if (!existing) await createUser(trx, ctx, user, opts.role as (typeof ROLES)[number]);
          return {
            ...(await createApiToken(trx, ctx, user, opts.label ?? null)),
            role: existing?.role ?? opts.role,
          };
        }),
      );
      printLine(`Token ${created.id} for ${user} (${created.role}); shown once, keep it secret:`);
      printLine(created.token);
    });
  token
    .command('revoke <id>')
    .description('Revoke a token by its id (tok_...)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const { revokeApiToken } = await import('../../store/users');
      const { writeContext } = await import('../../store/context');
      await withStore(cmd, (store) => revokeApiToken(store.db, writeContext(), id));
      printLine(`Revoked ${id}.`);
    });
}
