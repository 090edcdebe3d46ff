/**
 * GitOps controllers re-apply what Git says: a manual rollback of a deployment they manage is undone at the
 * next sync. Detects Argo CD and Flux markers and says what to pause.
 */
import type { KubeObject } from './adapters/kube-types.ts';

/** One controller managing one or more deployments. */
export interface GitOpsFinding {
  controller: 'argocd' | 'flux-kustomization' | 'flux-helmrelease';
  /** Argo CD application, Flux Kustomization or HelmRelease name. */
  name: string;
  deployments: string[];
  /** The command that pauses auto-sync. */
  pause: string;
  /** The command that resumes it once the fix is in Git. */
  resume: string;
}

function markerOf(d: KubeObject): Omit<GitOpsFinding, 'deployments'> | null {
  const labels = d.metadata?.labels ?? {};
  const annotations = d.metadata?.annotations ?? {};
  const tracking = annotations['argocd.argoproj.io/tracking-id'];
  const argoApp =
    labels['argocd.argoproj.io/instance'] ??
    (tracking ? tracking.split(':')[0] : undefined) ??
    (tracking !== undefined ? labels['app.kubernetes.io/instance'] : undefined);
  if (argoApp) {
    return {
      controller: 'argocd',
      name: argoApp,
      pause: `argocd app set ${argoApp} --sync-policy none`,
      resume: `argocd app set ${argoApp} --sync-policy automated`,
    };
  }
  const ks = labels['kustomize.toolkit.fluxcd.io/name'];
  if (ks) {
    const ns = labels['kustomize.toolkit.fluxcd.io/namespace'] ?? 'flux-system';
    return {
      controller: 'flux-kustomization',
      name: ks,
      pause: `flux suspend kustomization ${ks} -n ${ns}`,
      resume: `flux resume kustomization ${ks} -n ${ns}`,
    };
  }
  const hr = labels['helm.toolkit.fluxcd.io/name'];
  if (hr) {
    const ns = labels['helm.toolkit.fluxcd.io/namespace'] ?? 'flux-system';
    return {
      controller: 'flux-helmrelease',
      name: hr,
      pause: `flux suspend helmrelease ${hr} -n ${ns}`,
      resume: `flux resume helmrelease ${hr} -n ${ns}`,
    };
  }
  return null;
}

/** The GitOps controllers managing these deployments (or their Services), grouped by application. */
export function detectGitOps(objects: KubeObject[]): GitOpsFinding[] {
  const found = new Map<string, GitOpsFinding>();
  for (const o of objects) {
    const m = markerOf(o);
    if (!m) continue;
    const k = `${m.controller}/${m.name}`;
    const entry = found.get(k) ?? { ...m, deployments: [] };
    entry.deployments.push(o.metadata?.name ?? '?');
    found.set(k, entry);
  }
  return [...found.values()];
}

/** The warning lines printed before a manual rollback of managed objects. */
export function gitOpsWarning(findings: GitOpsFinding[]): string[] {
  return findings.flatMap((f) => [
    `warning: ${f.deployments.join(', ')} managed by ${f.controller === 'argocd' ? 'Argo CD' : 'Flux'} (${f.name}): auto-sync will undo a manual rollback.`,
    `  pause it first:   ${f.pause}`,
    `  resume after the fix is in Git: ${f.resume}`,
  ]);
}
