import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { parse } from 'yaml';
import { type SimCluster, type SimOptions, startSimCluster } from '../src/index.ts';
import { TEST_NAMESPACE, TEST_WORLD } from './_world.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const cacheDir = mkdtempSync(join(tmpdir(), 'sim-kubectl-cache-'));

/** Runs the real /usr/bin/kubectl against the cluster, with an argument array (no shell). */
export function kubectl(cluster: SimCluster, args: string[], timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/kubectl',
      ['--kubeconfig', cluster.kubeconfig, '--cache-dir', cacheDir, ...args],
      { timeout: timeoutMs, env: { ...process.env, KUBECONFIG: '' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** kubectl that must succeed; returns stdout. */
export async function kubectlOk(cluster: SimCluster, args: string[]): Promise<string> {
  const r = await kubectl(cluster, args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

export async function kubectlYaml(cluster: SimCluster, args: string[]): Promise<any> {
  return parse(await kubectlOk(cluster, [...args, '-o', 'yaml']));
}

/** The lines of a `kubectl describe` output's Events: section. */
export function eventLines(describe: string): string[] {
  const at = describe.indexOf('\nEvents:');
  return at < 0 ? [] : describe.slice(at).split('\n').slice(1);
}

/** A cluster of the test fixture world whose pods are Ready at once and which sends no traffic of its own. */
export function fastCluster(options: Partial<SimOptions> = {}): Promise<SimCluster> {
  return startSimCluster({
    namespace: TEST_NAMESPACE,
    world: TEST_WORLD,
    readyDelayMs: 0,
    traffic: 0,
    ...options,
  });
}

/**
 * A fresh fastCluster for each test of the calling file or describe block, stopped after it.
 * Returns an accessor because the cluster only exists once beforeEach has run.
 */
export function clusterPerTest(options: Partial<SimOptions> = {}): () => SimCluster {
  let sim: SimCluster | undefined;
  beforeEach(async () => {
    sim = await fastCluster(options);
  });
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  return () => {
    if (!sim) throw new Error('clusterPerTest: no cluster outside a test');
    return sim;
  };
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
