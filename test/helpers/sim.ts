/** The simulated cluster of a runbook: its namespace and apps, as `runbook sim up --runbook` and the drill build them. */
import type { Runbook } from '@runbook/core';
import { type SimCluster, type SimOptions, startSimCluster } from '@runbook/sim';
import { simWorld } from '../../packages/drill/src/sim-world.ts';

/** Everything the sim takes but the world, which comes from the runbook. */
export type RunbookSimOptions = Omit<SimOptions, 'namespace' | 'world'>;

export function startRunbookSim(runbook: Runbook, options: RunbookSimOptions = {}): Promise<SimCluster> {
  const world = simWorld(runbook);
  return startSimCluster({ ...options, namespace: world.namespace, world: world.apps });
}
