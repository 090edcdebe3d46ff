/** The simulated cluster's world, built from a runbook: its namespace, and each app blue and green. */
import { appLabels, appMetricLabels, type Runbook } from '@runbook/core';
import type { WorldApp } from '@runbook/sim';

export interface SimWorld {
  namespace: string;
  apps: WorldApp[];
}

/**
 * Green's history is the runbook's known versions, oldest first, so that it ends at the current one and a
 * rollout undo has a revision to go back to; blue runs the stable version. A runbook without `appVersions`
 * knows only the stable version, which both colours then run.
 */
export function simWorld(runbook: Runbook): SimWorld {
  const { meta } = runbook;
  const known = meta.appVersions.map((v) => v.version);
  const history = known.length ? known : [meta.stableVersion];
  return {
    namespace: meta.namespace,
    apps: meta.apps.map((app) => ({
      name: app.deployment,
      blueName: app.blueDeployment,
      service: app.service,
      container: app.container,
      imageRepo: app.image,
      replicas: app.replicas,
      blueTag: meta.stableVersion,
      greenHistory: history,
      targetPort: app.port,
      labels: appLabels(app),
      colorLabel: app.colorLabel,
      metricLabels: appMetricLabels(app),
      healthPath: app.healthPath,
      routes: app.criticalPath.map((r) => ({ method: r.method, path: r.path, payment: r.payment })),
    })),
  };
}
