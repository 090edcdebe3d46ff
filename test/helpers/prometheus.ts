/** Starts a real Prometheus (Debian package) as a child process, on 127.0.0.1 with a throwaway TSDB. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPrometheus {
  url: string;
  dir: string;
  /** Everything Prometheus printed, for failing tests. */
  log: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PrometheusOptions {
  /** Base URLs of the services to scrape (`http://127.0.0.1:PORT`), each as one target. */
  targets: string[];
  scrapeInterval?: string;
}

/**
 * The sim answers /metrics through a Service, so successive scrapes come from different pods of the same
 * version. Their counters are shared, so the `pod` label is dropped: one continuous series per version,
 * as a real deployment's per-pod series would sum to.
 */
function config(options: PrometheusOptions): string {
  const interval = options.scrapeInterval ?? '1s';
  const targets = options.targets.map((t) => new URL(t).host);
  return [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    '  - job_name: marketplace',
    '    metrics_path: /metrics',
    `    scrape_timeout: ${interval}`,
    '    static_configs:',
    `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
    '    metric_relabel_configs:',
    '      - action: labeldrop',
    '        regex: pod',
    '',
  ].join('\n');
}

export async function startPrometheus(options: PrometheusOptions): Promise<TestPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-prom-'));
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, config(options));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 3000))]);
      if (!exited) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (exited) break;
    const ok = await fetch(`${url}/-/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { url, dir, log: () => output, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`prometheus did not become ready:\n${output}`);
}

/** Waits until `expr` returns a non-empty, non-NaN result. */
export async function waitForQuery(url: string, expr: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`).catch(() => null);
    const body = (await res?.json().catch(() => null)) as {
      data?: { result?: Array<{ value: [number, string] }> };
    } | null;
    const v = body?.data?.result?.[0]?.value?.[1];
    if (v !== undefined && v !== 'NaN') return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${expr}`);
}
