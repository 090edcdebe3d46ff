/** The Job controller: each Job runs its work through the jobRunner option, retried up to backoffLimit. */

import { now } from './_ids.ts';
import { clone } from './_json.ts';
import { podInfo } from './app.ts';
import { R, type SimContext } from './context.ts';
import { createPod, finishPod } from './pods.ts';
import type { JobRunResult, KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: objects are arbitrary JSON
type Any = any;

const running = new WeakMap<SimContext, Set<string>>();

function finished(job: KObject): boolean {
  return (job.status?.conditions ?? []).some(
    (c: Any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

function cond(type: string, reason: string, message: string): Any {
  const at = now();
  return { type, status: 'True', lastProbeTime: at, lastTransitionTime: at, reason, message };
}

async function runOnce(ctx: SimContext, job: KObject): Promise<JobRunResult> {
  try {
    return await ctx.jobRunner(job);
  } catch (e) {
    return { exitCode: 1, log: `${(e as Error).message}\n` };
  }
}

function startAttempt(ctx: SimContext, job: KObject, busy: Set<string>): void {
  const uid = job.metadata.uid!;
  busy.add(uid);
  const pod = createPod(ctx, job, job.spec.template, false);
  void runOnce(ctx, job).then((result) => {
    busy.delete(uid);
    if (ctx.stopped) return;
    const info = podInfo(pod);
    ctx.apps.appendLog(info, result.log);
    const livePod = ctx.store.get(R.pods, info.namespace, info.name);
    if (livePod) finishPod(ctx, livePod, result.exitCode);
    const live = ctx.store.get(R.jobs, job.metadata.namespace, job.metadata.name!);
    if (!live || live.metadata.uid !== uid) return;
    const next = clone(live);
    const status = next.status ?? {};
    delete status.active;
    status.ready = 0;
    if (result.exitCode === 0) {
      status.succeeded = (status.succeeded ?? 0) + 1;
      status.completionTime = now();
      status.conditions = [
        cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
        cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      ];
    } else {
      status.failed = (status.failed ?? 0) + 1;
      if (status.failed > (next.spec.backoffLimit ?? 6)) {
        status.conditions = [
          cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
          cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
        ];
      }
    }
    next.status = status;
    ctx.store.update(R.jobs, next);
    ctx.schedule();
  });
}

export function reconcileJobs(ctx: SimContext): void {
  let busy = running.get(ctx);
  if (!busy) {
    busy = new Set();
    running.set(ctx, busy);
  }
  for (const job of ctx.store.view(R.jobs)) {
    if (finished(job) || job.spec?.suspend || busy.has(job.metadata.uid!)) continue;
    const next = clone(job);
    next.status = {
      ...next.status,
      startTime: next.status?.startTime ?? now(),
      active: 1,
      ready: 0,
      uncountedTerminatedPods: {},
    };
    const updated = ctx.store.update(R.jobs, next);
    startAttempt(ctx, updated, busy);
  }
}
