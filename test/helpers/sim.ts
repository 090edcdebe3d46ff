/** The simulated cluster of a runbook: its namespace and apps, as `runbook sim up --runbook` and the drill build them. */
import { writeFile } from 'node:fs/promises';
import type { Runbook } from '@runbook/core';
import { type SimCluster, type SimOptions, startSimCluster } from '@runbook/sim';
import { stringify } from 'yaml';
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
  const names = Object.keys(sims);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => ({
      name,
      cluster: { server: sims[name]!.server, 'insecure-skip-tls-verify': true },
    })),
    contexts: names.map((name) => ({
      name,
      context: { cluster: name, namespace: sims[name]!.namespace, user: 'sim' },
    })),
    'current-context': names[0],
    users: [{ name: 'sim', user: {} }],
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
}
