import { error, type Rule } from './_problem.ts';

/**
 * An environment names its cluster once: by `kubeContext`, or by `clusters` when there are several. Both at
 * once would leave a reader (and `--context`) unsure which cluster a single-cluster command aims at.
 */
export const environmentClusters: Rule = (runbook) =>
  Object.entries(runbook.meta.environments).flatMap(([name, env]) => {
    if (!env.clusters) return [];
    const path = `meta.environments.${name}.clusters`;
    const seen = new Set<string>();
    const twice = env.clusters.filter((c) => seen.size === seen.add(c).size);
    return [
      ...(env.kubeContext
        ? [
            error(
              'environment-clusters',
              path,
              `set either kubeContext or clusters, not both (kubeContext is "${env.kubeContext}")`,
            ),
          ]
        : []),
      ...[...new Set(twice)].map((c) =>
        error('environment-clusters', path, `cluster "${c}" is listed twice`),
      ),
    ];
  });
