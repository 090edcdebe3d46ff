/** `runbook status --watch` on several clusters, piped: a new block only for the cluster whose state changed. */
import { execFile, spawn } from 'node:child_process';
import { defaultRunbook } from '@runbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';
import { type Regions, startRegions } from '../helpers/regions.ts';

const runbook = defaultRunbook();
const NS = runbook.meta.namespace;
const API = runbook.meta.apps[0]!.service;
let regions: Regions | undefined;
afterEach(async () => {
  await regions?.stop();
  regions = undefined;
});

function kubectl(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, ...args], (err, stdout, stderr) =>
      err ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

/** The blocks printed so far: each begins with its `cluster NAME` line. */
const blocks = (out: string) =>
  out
    .split(/^(?=cluster \S+$)/m)
    .filter(Boolean)
    .map((b) => ({ cluster: /^cluster (\S+)$/m.exec(b)?.[1], text: b }));

describe('status --watch on several clusters, piped', () => {
  it('prints a block for each cluster, then one only for the cluster whose traffic moved', async () => {
    regions = await startRegions(runbook);
    const { args, kubeconfig } = regions;
    const watcher = spawn(
      process.execPath,
      [BIN, 'status', '--watch', '--interval', '100ms', '--clusters', 'eu-west,us-east', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let out = '';
    let err = '';
    // Resolves when what was printed so far satisfies `check`; rejects if the watcher ends first.
    const printed = (check: (text: string) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const look = () => {
          if (!check(out)) return;
          watcher.stdout.off('data', look);
          watcher.off('exit', ended);
          resolve();
        };
        const ended = (code: number | null) => reject(new Error(`watcher exited (${code}): ${err}\n${out}`));
        watcher.stdout.on('data', look);
        watcher.once('exit', ended);
        look();
      });
    watcher.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    watcher.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    try {
      await printed((o) => blocks(o).filter((b) => /^api /m.test(b.text)).length >= 2);
      const first = blocks(out);
      expect(first.map((b) => b.cluster)).toEqual(['eu-west', 'us-east']);
      for (const b of first) expect(b.text).toMatch(/^api +\S+ +green /m);

      // Traffic to blue on us-east alone, by hand, as someone might during the incident.
      const on = ['--context', 'us-east', '-n', NS];
      const service = JSON.parse(await kubectl(kubeconfig, [...on, 'get', 'service', API, '-o', 'json']));
      const selector = { ...(service.spec.selector as Record<string, string>), version: 'blue' };
      const patch = JSON.stringify({ spec: { selector } });
      await kubectl(kubeconfig, [...on, 'patch', 'service', API, '--type', 'merge', '-p', patch]);
      await printed((o) =>
        blocks(o)
          .slice(2)
          .some((b) => /^api +\S+ +blue /m.test(b.text)),
      );
      expect(
        blocks(out)
          .slice(2)
          .map((b) => b.cluster),
      ).toEqual(['us-east']);
    } finally {
      watcher.kill('SIGINT');
    }
    expect(regions.sims['eu-west'].get('service', NS, API)?.spec.selector.version).toBe('green');
  });
});
