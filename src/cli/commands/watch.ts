/** `vigil watch [PROJECT...]`: keep watching what the projects depend on; alerts as JSON lines (and a webhook). */
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { severityRank } from '../../core/result-builder.js';
import { openScanDeps } from '../../engine/wiring.js';
import { watch } from '../../app/watch.js';
import { registryId } from '../../watch/index.js';
import { EXIT } from '../exit-codes.js';
import { escapeJsonText, safeTerminalText } from '../../core/sanitize.js';
import { netOptions, netOptionsWithProxy } from '../net-options.js';
import { maxFileBytes } from '../file-cap.js';
import { redact } from '../../core/redact.js';

export const watchCommand = defineCommand({
  name: 'watch',
  summary:
    'Watch the registry for new releases, dist-tag moves, deprecations, removals and new maintainers of what your projects depend on; analyse each new release before anyone installs it.',
  usage: 'vigil watch [PROJECT...] [--once] [--interval SECONDS] [--webhook URL [--webhook-secret SECRET]] [--fail-on SEVERITY]',
  options: [
    {
      name: 'once',
      type: 'boolean',
      default: false,
      description: 'Poll once and exit (for cron or systemd timers); exit 1 when an alert at or above --fail-on was raised.',
    },
    { name: 'interval', type: 'number', default: 300, arg: 'SECONDS', description: 'Seconds between polls (±10% jitter).' },
    { name: 'requests-per-minute', type: 'number', default: 120, arg: 'N', description: 'Most registry requests per minute.' },
    {
      name: 'webhook',
      type: 'string',
      arg: 'URL',
      env: 'VIGIL_WEBHOOK',
      description: 'POST each alert here (Slack/Teams-compatible JSON). The URL is treated as a secret: never printed.',
    },
    {
      name: 'webhook-secret',
      type: 'string',
      arg: 'SECRET',
      env: 'VIGIL_WEBHOOK_SECRET',
      config: false,
      description: 'Sign webhook bodies: X-Vigil-Signature: sha256=HMAC(secret, timestamp.body).',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const interval = v.interval;
    const rpm = v['requests-per-minute'];
    if (!(interval >= 1)) throw new VigilError('E_USAGE', `--interval must be at least 1 second (got ${interval})`);
    if (!(rpm >= 1)) throw new VigilError('E_USAGE', `--requests-per-minute must be at least 1 (got ${rpm})`);
    if (v.offline === true) throw new VigilError('E_USAGE', 'watch polls the registry: it cannot run --offline');
    const webhook = v.webhook;
    if (webhook !== undefined && !/^https?:\/\//i.test(webhook)) throw new VigilError('E_USAGE', '--webhook must be an http(s) URL');
    const deps = await openScanDeps({
      storePath: v.store,
      registry: v.registry,
      offline: false,
      concurrency: v.concurrency,
      projectDir: ctx.cwd,
      env: ctx.env,
      events: ctx.events,
      packumentMaxAgeMs: 0,
      maxFileBytes: maxFileBytes(v['max-file-mb']),
      // Long-running: no run deadline, but the same host policy as a scan.
      allowHosts: netOptions(v).allowHosts,
    });
    const { proxy } = netOptionsWithProxy(ctx, v);
    const webhookProxy = proxy ? { proxy } : {};
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const r = await watch(
        {
          projects: ctx.options.positionals,
          cwd: ctx.cwd,
          once: v.once === true,
          intervalMs: interval * 1000,
          requestsPerMinute: rpm,
          ...(webhook
            ? { webhook: { url: webhook, ...(v['webhook-secret'] ? { secret: v['webhook-secret'] } : {}), ...webhookProxy } }
            : {}),
          // Alerts carry package data: JSON lines redacted and with C1/bidi escaped; warnings made inert.
          emit: (a) => ctx.stdout.write(`${escapeJsonText(redact(JSON.stringify(a)))}\n`),
          warn: (m) => ctx.stderr.write(`vigil watch: ${safeTerminalText(m)}\n`),
          signal: stop.signal,
        },
        deps,
        registryId(deps.npm.registryUrl('x')),
      );
      const failOn = v['fail-on'];
      const hit = failOn !== 'none' && r.delivered.some((a) => severityRank(a.severity) >= severityRank(failOn));
      return { kind: 'text', text: '', exitCode: hit ? EXIT.FINDINGS : EXIT.OK };
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      deps.close();
    }
  },
});
