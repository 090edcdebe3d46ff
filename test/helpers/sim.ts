/** The simulated cluster of a runbook: its namespace and apps, as `runbook sim up --runbook` and the drill build them. */
import { writeFile } from 'node:fs/promises';
import type { Runbook } from '@runbook/core';
import { type SimCluster, type SimOptions, startSimCluster } from '@runbook/sim';
import { regionsKubeconfig } from '../../packages/drill/src/regions.ts';
import { simWorld } from '../../packages/drill/src/sim-world.ts';

/** Everything the sim takes but the world, which comes from the runbook. */
export type RunbookSimOptions = Omit<SimOptions, 'namespace' | 'world'>;

export function startRunbookSim(runbook: Runbook, options: RunbookSimOptions = {}): Promise<SimCluster> {
  const world = simWorld(runbook);
  return startSimCluster({ ...options, namespace: world.namespace, world: world.apps });
}

/**
 * One kubeconfig whose contexts are the given sims, each named as its key (a cluster of an environment that
 * lists several), as a person's kubeconfig holds the contexts of every region.
 */
export async function multiClusterKubeconfig(path: string, sims: Record<string, SimCluster>): Promise<void> {
  await writeFile(path, regionsKubeconfig(sims), { mode: 0o600 });
}
