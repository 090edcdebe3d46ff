/** One rollback across several clusters (issue 18): each its own lock and record, one table, the worst exit. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { REGIONS, type Region, type Regions, startRegions } from '../helpers/regions.ts';

const runbook = defaultRunbook();
const NS = runbook.meta.namespace;
const API = runbook.meta.apps[0]!.service;
let started: Regions | undefined;
let sims = {} as Regions['sims'];
afterEach(async () => {
  await started?.stop();
  started = undefined;
});

/** Three simulated regions (ap-south's blue never Ready), a kubeconfig naming them, a runbook listing them. */
async function regions() {
  started = await startRegions(runbook, { 'ap-south': { faults: { blue: { notReady: true } } } });
  sims = started.sims;
  return started;
}

const colour = (name: Region) => sims[name]!.get('service', NS, API)?.spec.selector.version;
const writes = () =>
  Object.values(sims).reduce((n, s) => n + s.requestLog.filter((r) => r.method !== 'GET').length, 0);

describe('a rollback across several clusters', () => {
  it('switches the clusters that can, refuses the one that cannot, one table, exit 3 naming it', async () => {
    const { args, incidents } = await regions();
    const r = await runCli(['rollback', 'blue-green', '--yes', ...args]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^eu-west +ok +0 +\S+/m);
    expect(r.stdout).toMatch(/^us-east +ok +0 +\S+/m);
    expect(r.stdout).toMatch(/^ap-south +refused +3 +\S+/m);
    expect(r.stdout).toMatch(/^incident \S+: needs a human on ap-south$/m);
    expect(r.stderr).toMatch(/^\[ap-south\] error: refusing to switch to blue: .*nothing changed$/m);
    expect(r.stdout).toMatch(/^\[eu-west\] traffic on blue, verified in /m);
    expect([colour('eu-west'), colour('us-east'), colour('ap-south')]).toEqual(['blue', 'blue', 'green']);

    // One incident id; a journal per cluster; a record in each cluster that took its lock, naming the cluster.
    const id = /^incident (\S+):/m.exec(r.stdout)![1]!;
    expect((await readdir(incidents)).sort()).toEqual([...REGIONS].sort());
    for (const name of REGIONS) expect(await readdir(join(incidents, name))).toEqual([id]);
    for (const name of ['eu-west', 'us-east'] as const) {
      const cm = sims[name]!.get('configmap', NS, `runbook-incident-${id}`);
      expect(JSON.parse((cm!.data as Record<string, string>)['incident.json']!)).toMatchObject({
        incident: id,
        cluster: name,
      });
    }
    const status = await runCli(['status', ...args]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout.match(/^cluster \S+$/gm)).toEqual(REGIONS.map((n) => `cluster ${n}`));
  });

  it('runs on the clusters --clusters names; an unknown one is a usage error naming the known ones, and nothing runs', async () => {
    const { args } = await regions();
    const before = writes();
    const bad = await runCli(['rollback', 'blue-green', '--yes', '--clusters', 'eu-west,mars', ...args]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: --clusters: unknown cluster "mars"; environment "regions" has eu-west, us-east, ap-south$/m,
    );
    expect(writes()).toBe(before);

    const some = await runCli([
      'rollback',
      'blue-green',
      '--yes',
      '--clusters',
      'us-east',
      '--json',
      ...args,
    ]);
    expect(some.code, some.stderr).toBe(0);
    const summary = JSON.parse(some.stdout);
    expect(summary.clusters.map((c: { cluster: string }) => c.cluster)).toEqual(['us-east']);
    expect(summary.clusters[0].output[0]).toMatchObject({ to: 'blue' });
    expect([colour('eu-west'), colour('us-east')]).toEqual(['green', 'blue']);
  });
});
