/**
 * Option 2, Kubernetes native: `kubectl rollout undo` for every app, computed client side from the
 * ReplicaSets' revision annotations, then a wait with `kubectl rollout status`'s conditions.
 */
import { EXIT, formatMs, RunbookError, type SchemaMatch, tagOf } from '@runbook/core';
import { imageOf } from '../adapters/rollout.ts';
import { detectGitOps, gitOpsWarning } from '../gitops.ts';
import { apiApp } from '../schema-match.ts';
import { withRollbackLock } from './_locked.ts';
import { planWrite } from './_plan.ts';
import { waitForRollouts } from './_wait.ts';
import { appsOf, type ProcedureDeps } from './deps.ts';
import { checkTargetSchema, type SchemaCheck } from './schema-check.ts';

export interface NativeOptions {
  /** Revision to go back to; default (0) the previous one. */
  toRevision?: number;
  /** How long the rollouts may take; default 5 min (the plan says 2–5 minutes). */
  timeoutMs?: number;
  lockHeld?: boolean;
  /** Check the revision's image against the database's migrations first; none when absent. */
  schema?: SchemaCheck;
}

export interface AppRollback {
  app: string;
  deployment: string;
  fromRevision: number;
  toRevision: number;
  fromImage: string;
  toImage: string;
}

export interface NativeResult {
  dryRun: boolean;
  elapsedMs: number;
  apps: AppRollback[];
  /** The app/schema check, when one was made. */
  schemaMatch: SchemaMatch | null;
}

/** Rolls every app back one revision (or to `toRevision`) and waits; see the module comment. */
export async function nativeRollback(
  deps: ProcedureDeps,
  options: NativeOptions = {},
): Promise<NativeResult> {
  const started = performance.now();
  const apps = appsOf(deps.runbook);
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const { kube, journal } = deps;
  // Once an undo has begun, the plan is the incident's and only the journal still knows it (revisions renumber).
  const begun = apps.some((a) => journal.completed(`undo-${a.id}`) || journal.unfinished(`undo-${a.id}`));
  const kept = begun
    ? (journal.completed('plan-undo')?.details.apps as AppRollback[] | undefined)
    : undefined;
  // Before the lock and any change: the image of the revision the API goes back to must fit the schema.
  let schemaMatch: SchemaMatch | null = null;
  if (options.schema) {
    const api = apiApp(deps.runbook);
    const toImage =
      kept?.find((r) => r.deployment === api.deployment)?.toImage ??
      (await kube.planRolloutUndo(api.deployment, options.toRevision ?? 0)).toImage;
    schemaMatch = await checkTargetSchema(deps, options.schema, tagOf(toImage));
  }
  return withRollbackLock(deps, options.lockHeld, async () => {
    const plan = kept ? journal.step.bind(journal) : journal.check.bind(journal);
    const planned = await plan('plan-undo', { toRevision: options.toRevision ?? 0 }, async () => {
      const plans = await Promise.all(
        apps.map((a) => kube.planRolloutUndo(a.deployment, options.toRevision ?? 0)),
      );
      if (deps.dryRun) {
        deps.out(
          `dry-run: rollback native in namespace ${kube.namespace} (context ${kube.context ?? '?'}): nothing will change`,
        );
        for (const [i, p] of plans.entries()) {
          const note = `revision ${p.fromRevision} (${p.fromImage}) → ${p.toRevision} (${p.toImage})`;
          await planWrite(deps, `undo-${apps[i]!.id}`, note, [p.call]);
        }
        deps.out(
          `• wait: poll each deployment until rolled out (kubectl rollout status deployment/<name> -n ${kube.namespace}), deadline ${formatMs(timeoutMs)}`,
        );
      }
      const rows: AppRollback[] = plans.map((p, i) => ({
        app: apps[i]!.id,
        deployment: apps[i]!.deployment,
        fromRevision: p.fromRevision,
        toRevision: p.toRevision,
        fromImage: p.fromImage,
        toImage: p.toImage,
      }));
      return { apps: rows };
    });
    const rows = planned.apps as AppRollback[];
    if (deps.dryRun) return { dryRun: true, elapsedMs: performance.now() - started, apps: rows, schemaMatch };
    const managed = await Promise.all(apps.map((a) => kube.getDeployment(a.deployment)));
    for (const line of gitOpsWarning(detectGitOps(managed))) deps.log(line);
    // An undo journaled done counts only while its deployment, read just above, still runs the target image.
    const inPlace = rows.map((r, i) => imageOf(managed[i]?.spec?.template) === r.toImage);
    if (kept) await journal.check('check-undo', {}, () => stillPlanned(deps, rows, inPlace));
    if (rows.some((r, i) => !(inPlace[i] && journal.completed(`undo-${r.app}`))))
      await deps.confirm(
        `roll back ${rows.map((r) => `${r.deployment} to revision ${r.toRevision} (${r.toImage})`).join(' and ')}`,
      );
    await Promise.all(
      rows.map((r, i) => {
        const stillUndone = () => inPlace[i]!;
        return journal.effect(`undo-${r.app}`, { ...r }, stillUndone, async () => {
          // Re-run after a crash: an undo already applied renumbered the revision; its image tells.
          const current = imageOf((await kube.getDeployment(r.deployment)).spec?.template);
          if (current === r.toImage && current !== r.fromImage)
            return { applied: false, reason: 'already at the target template' };
          const plan = await kube.rolloutUndo(r.deployment, r.toRevision);
          deps.log(`✓ ${r.deployment} rolled back to revision ${plan.toRevision} (${plan.toImage})`);
          return { applied: !plan.noop };
        });
      }),
    );
    await waitForRollouts(deps, apps, timeoutMs);
    const elapsedMs = performance.now() - started;
    deps.log(`✓ native rollback complete in ${formatMs(elapsedMs)}`);
    return { dryRun: false, elapsedMs, apps: rows, schemaMatch };
  });
}

/**
 * On resume, each undo still to make must go where the incident planned: the revision it names must still
 * hold the image it had, or the cluster changed since and a new incident should decide.
 */
async function stillPlanned(
  deps: ProcedureDeps,
  rows: AppRollback[],
  inPlace: boolean[],
): Promise<{ pending: string[] }> {
  const pending = rows.filter((_, i) => !inPlace[i]);
  for (const r of pending) {
    const now = await deps.kube.getDeployment(r.deployment);
    const target = await deps.kube.planRolloutUndo(r.deployment, r.toRevision).catch((e: RunbookError) => {
      if (e.code === 'E_NO_REVISION' || e.code === 'E_NO_HISTORY') return e;
      throw e;
    });
    if (target instanceof RunbookError || target.toImage !== r.toImage) {
      const found = target instanceof RunbookError ? target.message : `it holds ${target.toImage}`;
      throw new RunbookError(
        'E_CHANGED',
        `undo-${r.app}: since the incident's plan, ${r.deployment} now runs ${imageOf(now.spec?.template)} and revision ${r.toRevision} no longer holds ${r.toImage} (${found}); nothing changed`,
        EXIT.precondition,
        `start a new incident: rollback native, or rollback version ${tagOf(r.toImage)}`,
      );
    }
  }
  return { pending: pending.map((r) => r.app) };
}
