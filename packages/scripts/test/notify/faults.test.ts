/**
 * notify against webhooks that misbehave: redirects to another host (a second local server stands for it:
 * it must see nothing), and, through the sim's fault proxy, a webhook that hangs, drops or fails; then
 * variables carrying terminal escapes or values of the wrong type.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultProxy, startFaultProxy } from '@runbook/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The other host: records every request it gets, whatever the method. */
const elsewhere: Array<{ method: string; body: string }> = [];
let other: { server: Server; origin: string };
/** The configured webhook: its path decides how it misbehaves. */
let hook: { server: Server; origin: string };
/** In front of the configured webhook; each test sets its rules. */
let proxy: FaultProxy;
let posted: string[] = [];

beforeAll(async () => {
  other = await listen((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      elsewhere.push({ method: req.method ?? '', body });
      res.end('ok');
    });
  });
  hook = await listen((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const redirect = /^\/(30[1278])\//.exec(req.url ?? '');
      if (redirect) {
        res.writeHead(Number(redirect[1]), { location: `${other.origin}/capture` });
        res.end();
      } else {
        posted.push(JSON.parse(body).text);
        res.end('ok');
      }
    });
  });
  proxy = await startFaultProxy({ upstream: hook.origin });
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all([hook, other].map(({ server }) => new Promise((r) => server.close(r))));
});

const dir = () => mkdtempSync(join(tmpdir(), 'runbook-notify-faults-'));

describe('notify: a webhook that redirects', () => {
  for (const status of [307, 302, 301, 308]) {
    it(`${status} to another origin: nothing reaches it, "not sent", exit 5, the secret URL never shown`, async () => {
      const before = elsewhere.length;
      const r = await runCli(['notify', '--template', 'customer', '--lang', 'en', '--incidents-dir', dir()], {
        env: { SLACK_WEBHOOK: `${hook.origin}/${status}/services/T000/SECRET-TOKEN` },
      });
      expect(r.code).toBe(5);
      expect(elsewhere.length).toBe(before);
      const line = r.stderr.split('\n').find((l) => l.startsWith('not sent'));
      expect(line).toBe(
        `not sent: webhook at ${new URL(hook.origin).host} answered HTTP ${status}, a redirect to ${other.origin} (not followed)`,
      );
      expect(r.stderr).not.toMatch(/^sent/m);
      expect(`${r.stdout}${r.stderr}`).not.toContain('SECRET-TOKEN');
      expect(`${r.stdout}${r.stderr}`).not.toContain('/capture');
    });
  }
});

describe('notify: a webhook that hangs, drops or fails (fault proxy)', () => {
  const secret = () => `${proxy.url}/ok/services/T000/SECRET-TOKEN`;
  const notSent = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('not sent'));
  const host = () => new URL(proxy.url).host;

  it('slow but within --timeout: sent, exit 0', async () => {
    proxy.setRules([{ path: '/ok/', action: { kind: 'delay', ms: 300 } }]);
    posted = [];
    const r = await runCli(
      ['notify', '--template', 'customer', '--timeout', '5s', '--incidents-dir', dir()],
      {
        env: { SLACK_WEBHOOK: secret() },
      },
    );
    expect(r.code).toBe(0);
    expect(posted).toHaveLength(1);
    expect(r.stderr).toContain('sent to the webhook');
  });

  it('hanging: gives up after --timeout with one "not sent" line and exit 5', async () => {
    proxy.setRules([{ path: '/ok/', action: { kind: 'hang' } }]);
    const r = await runCli(
      ['notify', '--template', 'customer', '--lang', 'en', '--timeout', '1s', '--incidents-dir', dir()],
      { env: { SLACK_WEBHOOK: secret() } },
    );
    expect(r.code).toBe(5);
    expect(notSent(r.stderr)).toEqual([`not sent: webhook at ${host()} unreachable (no answer within 1 s)`]);
    expect(`${r.stdout}${r.stderr}`).not.toContain('SECRET-TOKEN');
  });

  it('hanging: SIGINT stops the wait (exit 130), not the timeout', async () => {
    proxy.setRules([{ path: '/ok/', action: { kind: 'hang' } }]);
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../../../../test/helpers/cli.ts');
    const child = spawn(
      process.execPath,
      [BIN, 'notify', '--template', 'customer', '--timeout', '10m', '--incidents-dir', dir()],
      { env: { ...process.env, NO_COLOR: '1', SLACK_WEBHOOK: secret() } },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const before = proxy.requests().length;
    const deadline = Date.now() + 30_000;
    while (proxy.requests().length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(proxy.requests().length).toBeGreaterThan(before);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stderr).not.toContain('SECRET-TOKEN');
  });

  it('dropping the connection or answering 500: "not sent", exit 5', async () => {
    proxy.setRules([{ path: '/ok/', action: { kind: 'drop' } }]);
    const dropped = await runCli(['notify', '--template', 'customer', '--incidents-dir', dir()], {
      env: { SLACK_WEBHOOK: secret() },
    });
    expect(dropped.code).toBe(5);
    expect(notSent(dropped.stderr)[0]).toMatch(new RegExp(`^not sent: webhook at ${host()} unreachable \\(`));
    proxy.setRules([{ path: '/ok/', action: { kind: 'respond', status: 500, body: 'oops' } }]);
    const failed = await runCli(['notify', '--template', 'customer', '--incidents-dir', dir()], {
      env: { SLACK_WEBHOOK: secret() },
    });
    expect(failed.code).toBe(5);
    expect(notSent(failed.stderr)).toEqual([`not sent: webhook at ${host()} answered HTTP 500`]);
    expect(`${dropped.stderr}${failed.stderr}`).not.toContain('SECRET-TOKEN');
  });
});

describe('notify: variables', () => {
  const internal = (vars: Record<string, string>) =>
    Object.entries({
      start: '03:12',
      impact: 'API 5xx',
      version: 'v1.2.3',
      eta: '10 min',
      followUp: 'https://chat.example/incidents',
      ...vars,
    }).flatMap(([k, v]) => ['--var', `${k}=${v}`]);

  it('strips ANSI escapes and control characters from a variable before printing or sending', async () => {
    posted = [];
    const evil = 'API 5xx\u001b[2J\u001b[31mRED\u001b]0;title\u0007\u0008 end';
    const r = await runCli(
      [
        'notify',
        '--template',
        'internal',
        '--lang',
        'en',
        ...internal({ impact: evil }),
        '--incidents-dir',
        dir(),
      ],
      { env: { SLACK_WEBHOOK: `${hook.origin}/ok/services/T000/SECRET-TOKEN` } },
    );
    expect(r.code).toBe(0);
    for (const text of [r.stdout, r.stderr, posted.join('')]) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(r.stdout).toContain('Impact: API 5xxRED end');
    expect(posted.at(-1)).toContain('Impact: API 5xxRED end');
  });

  it('refuses version=latest: exit 2, one line naming the variable and the expected form, nothing sent', async () => {
    posted = [];
    const d = dir();
    const r = await runCli(
      ['notify', '--template', 'internal', ...internal({ version: 'latest' }), '--incidents-dir', d],
      {
        env: { SLACK_WEBHOOK: `${hook.origin}/ok/services/T000/SECRET-TOKEN` },
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(
      /^error: --var version: expected a version like v1\.2\.3, got "latest"/,
    );
    expect(posted).toEqual([]);
    expect(readdirSync(d)).toEqual([]);
  });

  it('emergency and postmortem refuse a mistyped --var before anything runs', async () => {
    const d = dir();
    const emergency = await runCli(['emergency', '--yes', '--var', 'version=latest', '--incidents-dir', d]);
    expect(emergency.code).toBe(2);
    expect(emergency.stderr).toMatch(/^error: --var version: expected a version like v1\.2\.3/);
    expect(readdirSync(d)).toEqual([]);
    const postmortem = await runCli(['postmortem', 'any', '--var', 'date=yesterday', '--incidents-dir', d]);
    expect(postmortem.code).toBe(2);
    expect(postmortem.stderr).toMatch(/^error: --var date: expected a date like 2024-01-15/);
  });

  it('checks the other typed placeholders: time, url', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ start: 'soon' }, /--var start: expected a time like 14:05/],
      [{ followUp: 'javascript:alert(1)' }, /--var followUp: expected an http\(s\) URL/],
    ];
    for (const [vars, message] of cases) {
      const r = await runCli(['notify', '--template', 'internal', '--dry-run', ...internal(vars)]);
      expect(r.code, JSON.stringify(vars)).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
