/**
 * The `multi-cluster` scenario: the runbook's service in three simulated regions, blue never Ready in the last
 * one. One blue-green rollback runs on all three at once, each with its own lock, journal and incident record
 * under the drill's incident id: two switch, the third refuses, and the table says which (exit 3).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Environment, type Lang, type Runbook, toYaml } from '@runbook/core';
import { connect, type Journal, onClusters, worstExit } from '@runbook/scripts';
import type { SimCluster } from '@runbook/sim';
import { simWorld } from './sim-world.ts';

export const REGIONS = ['eu-west', 'us-east', 'ap-south'] as const;
/** The region whose blue deployment never becomes Ready. */
export const BROKEN_REGION = 'ap-south';

export interface RegionRow {
  cluster: string;
  exitCode: number;
  durationMs: number;
  error?: string;
}

export interface RegionsOptions {
  runbook: Runbook;
  lang: Lang;
  incidentsDir: string;
  journal: Journal;
  webhook: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

/** A kubeconfig holding one context per cluster, named by its key, as an operator's holds every region's. */
export function regionsKubeconfig(sims: Record<string, SimCluster>): string {
  const names = Object.keys(sims);
  return toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => ({
      name,
      cluster: { server: sims[name]!.server, 'insecure-skip-tls-verify': true },
    })),
    contexts: names.map((name) => ({
      name,
      context: { cluster: name, namespace: sims[name]!.namespace, user: 'drill' },
    })),
    'current-context': names[0],
    users: [{ name: 'drill', user: {} }],
  });
}

/** The drill's runbook with a `regions` environment listing the three clusters. */
function regionsRunbook(runbook: Runbook): Runbook {
  const copy = structuredClone(runbook);
  const envs = copy.meta.environments as Record<string, Environment>;
  envs.regions = { ...envs.sim!, kubeContext: null, clusters: [...REGIONS], simulated: true };
  return copy;
}

/** Starts the regions; the caller stops them with the returned function, whatever happens. */
export async function startRegions(
  runbook: Runbook,
): Promise<{ sims: Record<string, SimCluster>; stop: () => Promise<void> }> {
  const { startSimCluster } = await import('@runbook/sim');
  const world = simWorld(runbook);
  const sims: Record<string, SimCluster> = {};
  const stop = () => Promise.all(Object.values(sims).map((s) => s.stop())).then(() => {});
  try {
    for (const name of REGIONS)
      sims[name] = await startSimCluster({
        readyDelayMs: 300,
        traffic: 20,
        faults: name === BROKEN_REGION ? { blue: { notReady: true } } : {},
        namespace: world.namespace,
        world: world.apps,
      });
  } catch (err) {
    await stop();
    throw err;
  }
  return { sims, stop };
}

/** The rollback on every region at once; rows in region order, and the worst exit code. */
export async function rollbackRegions(
  sims: Record<string, SimCluster>,
  o: RegionsOptions,
): Promise<{ rows: RegionRow[]; exitCode: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-regions-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, regionsKubeconfig(sims), { mode: 0o600 });
  const runbook = regionsRunbook(o.runbook);
  const outcomes = await onClusters([...REGIONS], async (cluster) => {
    const line = (text: string) => o.log(`[${cluster}] ${text}`);
    const conn = await connect({
      runbook,
      lang: o.lang,
      kubeconfig,
      context: cluster,
      env: 'regions',
      cluster,
      incidentId: o.journal.id,
      incidentsDir: o.incidentsDir,
      command: 'rollback blue-green',
      inputs: { to: 'blue' },
      yes: true,
      signal: o.signal,
      webhook: o.webhook,
      lockIdentity: `drill/${process.pid}`,
      escalation: false,
      log: line,
      out: line,
    });
    try {
      await conn.rollback.blueGreen({ to: 'blue' });
      await conn.close('ok');
    } catch (err) {
      await conn.close('failed', { error: (err as Error).message });
      throw err;
    }
  });
  const rows = outcomes.map((x) => ({
    cluster: x.cluster,
    exitCode: x.exitCode,
    durationMs: Math.round(x.durationMs),
    ...(x.error ? { error: x.error.message } : {}),
  }));
  return { rows, exitCode: worstExit(outcomes) };
}

/** The scenario: the regions started (`started` gets their stop, for the drill's clean-up), then rolled back. */
export async function rehearseRegions(
  o: RegionsOptions,
  started: (stop: () => Promise<void>) => void,
): Promise<{ rows: RegionRow[]; exitCode: number }> {
  // The clusters stay here: the journal gets their addresses, never the sims themselves (their whole store).
  let sims: Record<string, SimCluster> = {};
  await o.journal.step('cluster', { clusters: [...REGIONS] }, async () => {
    o.log(
      `starting ${REGIONS.length} simulated clusters (${REGIONS.join(', ')}; blue never Ready in ${BROKEN_REGION})…`,
    );
    const regions = await startRegions(o.runbook);
    started(regions.stop);
    sims = regions.sims;
    return { servers: Object.fromEntries(Object.entries(sims).map(([name, sim]) => [name, sim.server])) };
  });
  return o.journal.check('regions', { to: 'blue', clusters: [...REGIONS] }, () => rollbackRegions(sims, o));
}
