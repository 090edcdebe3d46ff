/** `kubectl logs` against the sim: follow, previous, since, timestamps and byte limits, as a kubelet serves them. */
import { spawn } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_NAMESPACE } from './_world.ts';
import { clusterPerTest, kubectl, kubectlOk, until } from './helpers.ts';

const sim = clusterPerTest();
let pod: string;
const ns = TEST_NAMESPACE;

beforeEach(async () => {
  pod = sim()
    .list('pod', ns)
    .find((p) => p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'green')!
    .metadata.name!;
});

/** `kubectl logs -f`, left running: its output so far and its exit code once it ends. */
function follow(args: string[]) {
  const child = spawn('/usr/bin/kubectl', ['--kubeconfig', sim().kubeconfig, 'logs', '-f', ...args], {
    env: { ...process.env, KUBECONFIG: '' },
  });
  const state = { out: '', code: null as number | null };
  child.stdout.on('data', (b: Buffer) => {
    state.out += b.toString();
  });
  child.on('exit', (code) => {
    state.code = code ?? 1;
  });
  return { state, child };
}

describe('kubectl logs', () => {
  it('-f streams lines written after it started, and ends when the pod is deleted', async () => {
    const f = follow([pod]);
    try {
      await until(() => f.state.out.includes('listening on :3000'));
      expect(f.state.code).toBeNull();
      sim().setFault('green', { errorRate: 0.5 });
      await until(() => f.state.out.includes('error rate 0.5: upstream returning 502'));
      expect(f.state.code).toBeNull();
      await kubectlOk(sim(), ['delete', 'pod', pod, '--wait=false']);
      await until(() => f.state.code !== null);
      expect(f.state.code).toBe(0);
    } finally {
      f.child.kill();
    }
  });

  it('-f with --tail=0 shows only what comes next', async () => {
    const f = follow([pod, '--tail=0']);
    try {
      // The stream follows from the moment the server takes the request.
      await until(() => sim().requestLog.some((r) => r.path.endsWith(`/pods/${pod}/log`)));
      sim().setFault('green', { p95Ms: 900 });
      await until(() => f.state.out.includes('slow responses: p95 900ms'));
      expect(f.state.out).not.toContain('listening on');
    } finally {
      f.child.kill();
    }
  });

  it('--previous is the BadRequest of a container that never restarted', async () => {
    const r = await kubectl(sim(), ['logs', pod, '--previous']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Error from server (BadRequest): previous terminated container "api" in pod "${pod}" not found`,
    );
  });

  it('--timestamps prefixes each line with an RFC3339 time to the nanosecond', async () => {
    const lines = (await kubectlOk(sim(), ['logs', pod, '--timestamps'])).trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
  });

  it('--limit-bytes cuts the output at that many bytes', async () => {
    const out = await kubectlOk(sim(), ['logs', pod, '--limit-bytes=12']);
    expect(Buffer.byteLength(out)).toBe(12);
  });

  it('--since and --since-time leave out older lines', async () => {
    expect(await kubectlOk(sim(), ['logs', pod, '--since=1h'])).toContain('listening on');
    const future = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(await kubectlOk(sim(), ['logs', pod, `--since-time=${future}`])).toBe('');
    // kubectl sends sinceTime to the second: wait for the next second, then write a line.
    const next = Math.ceil((Date.now() + 1) / 1000) * 1000;
    await until(() => Date.now() >= next, 3000);
    sim().setFault('green', { down: true });
    const since = new Date(next).toISOString().replace(/\.\d+Z$/, 'Z');
    const out = await kubectlOk(sim(), ['logs', pod, `--since-time=${since}`]);
    expect(out).toContain('health check failed');
    expect(out).not.toContain('listening on');
  });
});
