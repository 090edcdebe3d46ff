import type { App, Runbook } from '../schemas/index.ts';

/** Labels every pod of the app carries, both colours, without the colour label. */
export function appLabels(app: App): Record<string, string> {
  return app.labels ?? { app: app.deployment };
}

/** The label matchers that pick the app's series in Prometheus. */
export function appMetricLabels(app: App): Record<string, string> {
  return app.metricLabels ?? appLabels(app);
}

/** The label sets of the runbook's service: one per app, duplicates dropped. */
export function serviceMetricLabels(runbook: Runbook): Array<Record<string, string>> {
  const seen = new Map<string, Record<string, string>>();
  for (const app of runbook.meta.apps) {
    const labels = appMetricLabels(app);
    seen.set(JSON.stringify(Object.entries(labels).sort()), labels);
  }
  return [...seen.values()];
}
