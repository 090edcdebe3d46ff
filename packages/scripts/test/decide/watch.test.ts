import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, type Observation } from '@runbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../../../../test/helpers/cli.ts';
import { freePort } from '../../../../test/helpers/prometheus.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';
import { Journal } from '../../src/journal.ts';
import type { DecideSource } from '../../src/procedures/decide.ts';
import { AUTO_ROLLBACK_STEP, watch } from '../../src/procedures/watch.ts';

/** A source whose error rate has been 20% for ten minutes: a breach of every window. */
const breachingSource: DecideSource = {
  description: 'stub',
  canLookBack: false,
  observe: async (_rb, atMs) => {
    const samples = Array.from({ length: 21 }, (_, i) => ({ at: atMs - (20 - i) * 30_000, value: 0.2 }));
    const ok = (v: number) => [{ at: atMs, value: v }];
    const observations: Observation[] = [
      { criterion: 'error-rate', samples },
      { criterion: 'latency-p95', samples: ok(0.1) },
      { criterion: 'availability', samples: ok(0.999) },
      { criterion: 'payment-errors', samples: ok(0) },
    ];
    return { observations, notes: [] };
  },
};

describe('watch (procedure)', () => {
  it('notifies once per new breach and runs the emergency procedure once per incident', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-watch-'));
    const messages: string[] = [];
    let runs = 0;
    const journal = await Journal.open({ baseDir: dir, command: 'watch' });
    const options = {
      runbook: defaultRunbook(),
      source: breachingSource,
      lang: 'en' as const,
      intervalMs: 10,
      maxIterations: 3,
      notify: async (text: string) => {
        messages.push(text);
        return { sent: true };
      },
      log: () => {},
      autoRollback: {
        journal,
        run: async () => {
          runs++;
          return { switched: true };
        },
      },
    };
    const first = await watch(options);
    await journal.close('ok');
    expect(first.iterations).toBe(3);
    expect(first.rolledBack).toBe(true);
    expect(runs).toBe(1);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('Trigger rollback');
    expect(messages[0]).toContain('Error rate > 5% for 5 minutes');
    // The same incident, resumed: the journal says it was done.
    const resumed = await Journal.open({ baseDir: dir, command: 'watch', resume: journal.id });
    const second = await watch({ ...options, autoRollback: { ...options.autoRollback, journal: resumed } });
    await resumed.close('ok');
    expect(second.rolledBack).toBe(false);
    expect(runs).toBe(1);
    const lines = readFileSync(join(dir, journal.id, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.filter((r) => r.step === AUTO_ROLLBACK_STEP && r.outcome === 'ok')).toHaveLength(1);
  });

  it('without --auto-rollback only notifies', async () => {
    let notified = 0;
    const result = await watch({
      runbook: defaultRunbook(),
      source: breachingSource,
      lang: 'en',
      intervalMs: 10,
      maxIterations: 2,
      notify: async () => {
        notified++;
        return { sent: false, reason: 'no webhook' };
      },
      log: () => {},
    });
    expect(result.rolledBack).toBe(false);
    expect(result.last?.exitCode).toBe(10);
    expect(notified).toBe(1);
  });
});

describe('runbook watch (CLI)', () => {
  let metrics: Server;
  let hook: Server;
  let metricsUrl = '';
  let hookUrl = '';
  const posts: string[] = [];

  beforeAll(async () => {
    // A service answering half its requests with 500: counters grow at every scrape.
    let n = 0;
    metrics = createServer((_req, res) => {
      n += 100;
      res.end(`http_requests_total{code="200"} ${n}\nhttp_requests_total{code="500"} ${n}\n`);
    });
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        posts.push(body);
        res.end('ok');
      });
    });
    const listen = (s: Server) =>
      new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)));
    metricsUrl = `http://127.0.0.1:${await listen(metrics)}/metrics`;
    hookUrl = `http://127.0.0.1:${await listen(hook)}/services/T000/B000/secret-token-xyz`;
  });

  afterAll(() => {
    metrics?.close();
    hook?.close();
  });

  it('evaluates every interval, posts one notification for a lasting breach, never shows the webhook', async () => {
    const res = await runCli(
      ['watch', '--metrics-url', metricsUrl, '--interval', '600ms', '--max-iterations', '2', '--lang', 'en'],
      {
        env: { SLACK_WEBHOOK: hookUrl },
      },
    );
    expect(res.code).toBe(10);
    expect(res.stdout).toMatch(/#1 .* rollback · breach: availability/);
    expect(res.stdout).toMatch(/#2 /);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!).text).toContain('Availability < 99.5%');
    expect(`${res.stdout}${res.stderr}`).not.toContain('secret-token-xyz');
  });

  it('is inconclusive with an unreachable Prometheus, and rejects a bad --max-iterations', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const res = await runCli(['watch', '--prometheus', url, '--interval', '200ms', '--max-iterations', '2']);
    expect(res.code).toBe(11);
    expect(res.stdout.match(/inconclusive: error-rate/g)).toHaveLength(2);
    const bad = await runCli(['watch', '--prometheus', url, '--max-iterations', 'zero']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-iterations: expected a positive integer');
  });

  it('stops on SIGINT', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const child = spawn(process.execPath, [BIN, 'watch', '--prometheus', url, '--interval', '60s'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('#1')) resolve();
      }),
    );
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(11);
    expect(stderr).toContain('watch stopped');
  });
});

describe('runbook watch --auto-rollback (sim)', () => {
  it('runs emergency on a breach, once per incident, even when resumed with the breach back', async () => {
    const sim = await startRunbookSim(defaultRunbook(), { faults: { green: { errorRate: 0.2 } } });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'runbook-watch-'));
      const selector = () =>
        sim.get('service', sim.namespace, 'marketplace-api-service')?.spec.selector.version;
      const args = [
        'watch',
        '--auto-rollback',
        '--kubeconfig',
        sim.kubeconfig,
        '--metrics-url',
        `${sim.services['marketplace-api-service']}/metrics`,
        '--interval',
        '1s',
        '--max-iterations',
        '2',
        '--incidents-dir',
        dir,
      ];
      const first = await runCli(args);
      expect(first.stderr).toContain('auto-rollback: running');
      expect(selector()).toBe('blue');
      const incident = readdirSync(dir)[0]!;
      // Blue now fails as well: the breach returns, but this incident already rolled back once.
      sim.setFault('blue', { errorRate: 0.2 });
      const second = await runCli([...args, '--resume', incident]);
      expect(second.stderr).toContain('already started in incident');
      expect(second.code).toBe(10);
      const records = readFileSync(join(dir, incident, 'journal.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(records.filter((r) => r.step === AUTO_ROLLBACK_STEP && r.outcome === 'started')).toHaveLength(1);
    } finally {
      await sim.stop();
    }
  });
});
