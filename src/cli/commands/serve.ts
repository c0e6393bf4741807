/** `vigil serve`: the local dashboard and JSON API over the store (127.0.0.1 unless --host; then a token). */
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { VERSION } from '../../core/version.js';
import { openStore } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres/url.js';
import { openJobQueue, type OpenedQueue } from '../../jobs/open.js';
import { startServer } from '../../server/server.js';
import { EXIT } from '../exit-codes.js';
import { safeTerminalText } from '../../core/sanitize.js';

export const serveCommand = defineCommand({
  name: 'serve',
  summary:
    'Serve a local dashboard and JSON API over the store: projects and their scans, findings with filters, triage (suppress, acknowledge), component pages, live alerts from `vigil watch`.',
  usage: 'vigil serve [--port N] [--host ADDRESS [--host-name NAME]]',
  options: [
    { name: 'port', type: 'number', default: 7411, arg: 'N', description: 'Port to listen on (0 picks a free one).' },
    {
      name: 'host',
      type: 'string',
      default: '127.0.0.1',
      arg: 'ADDRESS',
      description: 'Interface to bind. Anything but loopback requires a token (generated and shown once unless VIGIL_SERVE_TOKEN is set).',
    },
    {
      name: 'host-name',
      type: 'string[]',
      arg: 'NAME',
      description: 'Another name the dashboard is reached by (a reverse proxy); requests naming any other host are refused.',
    },
    {
      name: 'token',
      type: 'string',
      arg: 'TOKEN',
      env: 'VIGIL_SERVE_TOKEN',
      config: false,
      description: 'Require this token (16+ characters). Set it through the environment: a flag shows in the process list.',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const port = v.port;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new VigilError('E_USAGE', `--port must be 0–65535 (got ${port})`);
    const host = v.host.trim();
    if (!host) throw new VigilError('E_USAGE', '--host must name an interface address');
    if (ctx.options.positionals.length) throw new VigilError('E_USAGE', `unexpected argument "${ctx.options.positionals[0]}"`);
    const store = openStore({ path: v.store });
    // A PostgreSQL store also holds the job queue: the fleet page shows it and its dead letter.
    let queue: OpenedQueue | undefined;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      if (isPostgresUrl(v.store)) queue = openJobQueue(v.store, { poolSize: 2 });
      const server = await startServer({
        store,
        ...(queue ? { jobs: queue.queue } : {}),
        host,
        port,
        ...(v.token ? { token: v.token } : {}),
        hostNames: v['host-name'] ?? [],
        rules: async () => (await import('../../rules/catalogue.js')).ruleCatalogue(),
        version: VERSION,
        onBug: (e) =>
          ctx.stderr.write(`vigil serve: internal error: ${safeTerminalText(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`),
      });
      ctx.stderr.write(`vigil serve: dashboard at ${server.url} (store ${store.path}); Ctrl-C stops it\n`);
      // The one time the token is shown: a generated one is otherwise unknowable. Never logged again.
      if (server.tokenGenerated)
        ctx.stderr.write(`vigil serve: open ${server.url}?token=${server.token ?? ''} (this link is shown once)\n`);
      await new Promise<void>((done) => stop.signal.addEventListener('abort', () => done(), { once: true }));
      await server.close();
      return { kind: 'text', text: '', exitCode: EXIT.OK };
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await queue?.close();
      store.close();
    }
  },
});
