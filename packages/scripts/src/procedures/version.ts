/** Option 3, pinned version: validate the tag, set the image of every app's container, wait for the rollouts. */
import { EXIT, formatMs, type Runbook, RunbookError, type SchemaMatch, UsageError } from '@runbook/core';
import { imageOf } from '../adapters/rollout.ts';
import { detectGitOps, gitOpsWarning } from '../gitops.ts';
import { withRollbackLock } from './_locked.ts';
import { planWrite } from './_plan.ts';
import { waitForRollouts } from './_wait.ts';
import { appsOf, type ProcedureDeps } from './deps.ts';
import { checkTargetSchema, type SchemaCheck } from './schema-check.ts';

const TAG = /^v\d{1,4}\.\d{1,4}\.\d{1,4}$/;

/** A tag such as v1.2.3, nothing else: anything else is a usage error (exit 2) before any change. */
export function validateVersionTag(tag: string): string {
  if (!TAG.test(tag))
    throw new UsageError(
      `TAG: expected a version like v1.2.3 (v, digits and dots only), got ${JSON.stringify(tag)}`,
    );
  return tag;
}

/**
 * The tag must be one the runbook declares (its stable version or an `appVersions` entry): a typo such as
 * v1.2.33 would otherwise roll every app onto an image nobody tested, or that does not exist. Exit 3 unless
 * `force`.
 */
export function assertDeclaredVersion(runbook: Runbook, tag: string, force: boolean): void {
  const declared = [
    ...new Set([...runbook.meta.appVersions.map((v) => v.version), runbook.meta.stableVersion]),
  ].sort();
  if (declared.includes(tag) || force) return;
  throw new RunbookError(
    'E_UNDECLARED_VERSION',
    `TAG: ${tag} is not a version the runbook declares (${declared.join(', ')}); nothing changed`,
    EXIT.precondition,
    'pin a declared version, add it to meta.appVersions, or pass --force',
  );
}

export interface VersionOptions {
  tag: string;
  /** Pin a version the runbook does not declare. */
  force?: boolean;
  timeoutMs?: number;
  lockHeld?: boolean;
  /** Check the tag against the database's migrations first; none when absent. */
  schema?: SchemaCheck;
}

export interface VersionResult {
  dryRun: boolean;
  elapsedMs: number;
  tag: string;
  apps: Array<{ app: string; deployment: string; fromImage: string; toImage: string }>;
  /** The app/schema check, when one was made. */
  schemaMatch: SchemaMatch | null;
}

/** Sets every app's image to `<repository>:<tag>` and waits; see the module comment. */
export async function versionRollback(deps: ProcedureDeps, options: VersionOptions): Promise<VersionResult> {
  const tag = validateVersionTag(options.tag);
  assertDeclaredVersion(deps.runbook, tag, Boolean(options.force));
  const started = performance.now();
  const apps = appsOf(deps.runbook);
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const { kube, journal } = deps;
  // Before the lock and any change: the version pinned must fit the database's schema.
  const schemaMatch = await checkTargetSchema(deps, options.schema, tag);
  return withRollbackLock(deps, options.lockHeld, async () => {
    const deployments = await Promise.all(apps.map((a) => kube.getDeployment(a.deployment)));
    const current = apps.map((a, i) => imageOf(deployments[i]?.spec?.template, a.container));
    const rows = apps.map((a, i) => ({
      app: a.id,
      deployment: a.deployment,
      // Resumed after the image was set, what it replaced is in the journal only.
      fromImage: String(journal.completed(`set-image-${a.id}`)?.inputs.fromImage ?? current[i]),
      toImage: `${a.image}:${tag}`,
    }));
    // An image journaled set counts only while the deployment, read just above, still has it.
    const inPlace = rows.map((r, i) => current[i] === r.toImage);
    if (deps.dryRun) {
      deps.out(
        `dry-run: rollback version ${tag} in namespace ${kube.namespace} (context ${kube.context ?? '?'}): nothing will change`,
      );
      for (const [i, a] of apps.entries()) {
        const call = await kube.planSetImage(a.deployment, a.container, rows[i]!.toImage);
        await planWrite(deps, `set-image-${a.id}`, `${rows[i]!.fromImage} → ${rows[i]!.toImage}`, [call]);
      }
      deps.out(
        `• wait: poll each deployment until rolled out (kubectl rollout status deployment/<name> -n ${kube.namespace}), deadline ${formatMs(timeoutMs)}`,
      );
      return { dryRun: true, elapsedMs: performance.now() - started, tag, apps: rows, schemaMatch };
    }
    for (const line of gitOpsWarning(detectGitOps(deployments))) deps.log(line);
    if (apps.some((a, i) => !(inPlace[i] && journal.completed(`set-image-${a.id}`))))
      await deps.confirm(`set ${rows.map((r) => `${r.deployment} to ${r.toImage}`).join(' and ')}`);
    await Promise.all(
      apps.map((a, i) => {
        const stillSet = () => inPlace[i]!;
        return journal.effect(`set-image-${a.id}`, { ...rows[i]! }, stillSet, async () => {
          await kube.setImage(a.deployment, a.container, rows[i]!.toImage);
          deps.log(`✓ ${a.deployment}: image ${rows[i]!.toImage}`);
          return { image: rows[i]!.toImage };
        });
      }),
    );
    await waitForRollouts(deps, apps, timeoutMs);
    const elapsedMs = performance.now() - started;
    deps.log(`✓ version ${tag} rolled out in ${formatMs(elapsedMs)}`);
    return { dryRun: false, elapsedMs, tag, apps: rows, schemaMatch };
  });
}
