/**
 * The pre-rollback checklist, automated: deployments, replicasets (revisions, image digests), pods, services,
 * endpoints as YAML, and the last log lines of the apps' pods, into a timestamped folder. Secret objects are
 * never read; secret-looking env values and known secrets are redacted.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunbookError, toYaml } from '@runbook/core';
import type { Deployment, Pod, ReplicaSet } from '../adapters/kube-types.ts';
import { ownedReplicaSets, REVISION } from '../adapters/rollout.ts';
import { createRedactor, isSecretName, REDACTED, type Redactor, redactArgs } from '../redact.ts';
import { makeDirectory } from '../system-errors.ts';
import { appsOf, type ProcedureDeps } from './deps.ts';

export interface CaptureOptions {
  /** Folder under which the timestamped capture folder is made. */
  outBase: string;
  /** Log lines per pod; default 1000, as the plan. */
  tailLines?: number;
  redact?: Redactor;
}

export interface CaptureResult {
  dir: string;
  files: string[];
  counts: Record<string, number>;
}

/**
 * Env values of secret-looking variables and the values of secret-looking flags in command and args become
 * [redacted]; secretKeyRef references stay (they hold no value).
 */
function scrub(o: Record<string, unknown>): Record<string, unknown> {
  const walk = (v: unknown): unknown => (Array.isArray(v) ? v.map(walk) : isRecord(v) ? walkObject(v) : v);
  const walkObject = (v: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'kubectl.kubernetes.io/last-applied-configuration') out[k] = REDACTED;
      else if (k === 'env' && Array.isArray(x)) {
        out[k] = x.map((e: unknown) =>
          isRecord(e) && typeof e.value === 'string' && isSecretName(typeof e.name === 'string' ? e.name : '')
            ? { ...e, value: REDACTED }
            : walk(e),
        );
      } else if (
        (k === 'args' || k === 'command') &&
        Array.isArray(x) &&
        x.every((a) => typeof a === 'string')
      ) {
        out[k] = redactArgs(x);
      } else out[k] = walk(x);
    }
    return out;
  };
  return walkObject(o);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Captures the namespace's state; see the module comment. */
export async function captureState(deps: ProcedureDeps, options: CaptureOptions): Promise<CaptureResult> {
  const redact = options.redact ?? createRedactor();
  const tailLines = options.tailLines ?? 1000;
  const { kube } = deps;
  const dir = join(options.outBase, `state-${stamp(new Date())}`);
  if (deps.dryRun) {
    deps.out(
      `• capture-state: would write deployments, replicasets, pods, services, endpoints and ${tailLines} log lines per pod to ${dir}`,
    );
    return { dir, files: [], counts: {} };
  }
  return deps.journal.step('capture', { dir, tailLines }, async () => {
    const [deployments, replicaSets, pods, services, endpoints] = await Promise.all([
      kube.listDeployments(),
      kube.listReplicaSets(),
      kube.listPods(),
      kube.listServices(),
      kube.listEndpoints(),
    ]);
    await makeDirectory(join(dir, 'logs'));
    const files: string[] = [];
    const write = async (name: string, content: string) => {
      await writeFile(join(dir, name), redact(content), { mode: 0o600 });
      files.push(name);
    };
    const asYaml = (kind: string, items: Record<string, unknown>[]) =>
      toYaml({ apiVersion: 'v1', kind: 'List', items: items.map((i) => ({ kind, ...scrub(i) })) });
    await Promise.all([
      write('deployments.yaml', asYaml('Deployment', deployments)),
      write('replicasets.yaml', asYaml('ReplicaSet', replicaSets)),
      write('pods.yaml', asYaml('Pod', pods)),
      write('services.yaml', asYaml('Service', services)),
      write('endpoints.yaml', asYaml('Endpoints', endpoints)),
      write('revisions.yaml', toYaml(revisions(deployments, replicaSets, pods))),
    ]);
    // An app's pods, both colours: its deployment's selector without the colour label (`app=…`).
    const selectors = appsOf(deps.runbook).flatMap((a) => {
      const d = deployments.find((x) => x.metadata?.name === a.deployment);
      const labels = Object.entries(d?.spec?.selector?.matchLabels ?? {}).filter(([k]) => k !== a.colorLabel);
      return labels.length ? [labels] : [];
    });
    const appPods = pods.filter((p) =>
      selectors.some((sel) => sel.every(([k, v]) => p.metadata?.labels?.[k] === v)),
    );
    // A pod not started has no log yet, and the rest of the capture is still worth having; but a log RBAC
    // refuses will be refused in every incident: the capture is written, then fails (exit 5) with the hint.
    let refused: RunbookError | undefined;
    await Promise.all(
      appPods.map(async (p) => {
        const name = p.metadata?.name ?? '';
        const containers = p.spec?.containers ?? [];
        const text = (
          await Promise.all(
            containers.map((c) =>
              kube.podLogs(name, { container: c.name, tailLines }).catch((e: Error) => {
                if (e instanceof RunbookError && e.code === 'E_FORBIDDEN') refused ??= e;
                return `(logs unavailable: ${e.message})\n`;
              }),
            ),
          )
        ).join('');
        await write(join('logs', `${name}.log`), text);
      }),
    );
    const counts = {
      deployments: deployments.length,
      replicasets: replicaSets.length,
      pods: pods.length,
      services: services.length,
      endpoints: endpoints.length,
      logs: appPods.length,
    };
    if (refused) throw refused;
    deps.log(
      `✓ state captured in ${dir} (${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')})`,
    );
    return { dir, files: files.sort(), counts };
  });
}

/** Per deployment: its ReplicaSets by revision, with images and the digests the pods run. */
function revisions(deployments: Deployment[], replicaSets: ReplicaSet[], pods: Pod[]) {
  return deployments.map((d) => ({
    deployment: d.metadata?.name,
    revision: d.metadata?.annotations?.[REVISION],
    replicaSets: ownedReplicaSets(d, replicaSets)
      .map((rs) => {
        const own = pods.filter((p) =>
          (p.metadata?.ownerReferences ?? []).some((o) => o.uid === rs.metadata?.uid),
        );
        return {
          name: rs.metadata?.name,
          revision: Number(rs.metadata?.annotations?.[REVISION] ?? 0),
          replicas: rs.status?.replicas ?? 0,
          images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image),
          digests: [
            ...new Set(
              own.flatMap((p) => (p.status?.containerStatuses ?? []).map((c) => c.imageID)).filter(Boolean),
            ),
          ],
        };
      })
      .sort((a, b) => b.revision - a.revision),
  }));
}
