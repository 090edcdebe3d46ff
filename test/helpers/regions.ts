/**
 * Three simulated regions of one environment (`regions`, which lists them as its clusters), a kubeconfig naming
 * them, and the CLI flags that aim a command at them: what the multi-cluster tests share.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPlan, type Runbook } from '@runbook/core';
import type { SimCluster } from '@runbook/sim';
import { multiClusterKubeconfig, type RunbookSimOptions, startRunbookSim } from './sim.ts';

export const REGIONS = ['eu-west', 'us-east', 'ap-south'] as const;
export type Region = (typeof REGIONS)[number];

export interface Regions {
  sims: Record<Region, SimCluster>;
  /** `--runbook --env --kubeconfig --incidents-dir` for the regions. */
  args: string[];
  incidents: string;
  kubeconfig: string;
  /** The runbook file whose `regions` environment lists the three. */
  runbookFile: string;
  stop(): Promise<void>;
}

/** Starts the regions, each with its own sim options (ap-south's blue never Ready, say). */
export async function startRegions(
  runbook: Runbook,
  options: Partial<Record<Region, RunbookSimOptions>> = {},
): Promise<Regions> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-regions-'));
  const sims = {} as Record<Region, SimCluster>;
  const stop = () => Promise.all(Object.values(sims).map((s) => s.stop())).then(() => {});
  try {
    for (const name of REGIONS)
      sims[name] = await startRunbookSim(runbook, { readyDelayMs: 150, ...options[name] });
  } catch (err) {
    await stop();
    throw err;
  }
  const kubeconfig = join(dir, 'kubeconfig');
  await multiClusterKubeconfig(kubeconfig, sims);
  const plan = structuredClone(builtinPlan) as unknown as { meta: { environments: Record<string, object> } };
  plan.meta.environments.regions = {
    ...plan.meta.environments.sim,
    kubeContext: null,
    clusters: [...REGIONS],
  };
  const file = join(dir, 'runbook.json');
  await writeFile(file, JSON.stringify(plan));
  const incidents = join(dir, 'incidents');
  const args = [
    '--runbook',
    file,
    '--env',
    'regions',
    '--kubeconfig',
    kubeconfig,
    '--incidents-dir',
    incidents,
  ];
  return { sims, args, incidents, kubeconfig, runbookFile: file, stop };
}
