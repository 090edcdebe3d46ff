/** Runs the controllers after every change until the world is settled, as kube-controller-manager does. */
import { podInfo } from './app.ts';
import { R, type SimContext } from './context.ts';
import { reconcileDeployments } from './deployment-controller.ts';
import { reconcileEndpoints } from './endpoints-controller.ts';
import { collectGarbage } from './gc.ts';
import { reconcileJobs } from './job-controller.ts';
import { refreshPod } from './pods.ts';
import { reconcileReplicaSets } from './replicaset-controller.ts';

const MAX_PASSES = 50;
// Periodic resync: progress deadlines expire without any write to wake the controllers.
const RESYNC_MS = 1000;

export class Controllers {
  private dirty = false;
  private pending = false;
  private running = false;
  private readonly unsubscribe: () => void;
  private readonly resync: NodeJS.Timeout;

  constructor(private readonly ctx: SimContext) {
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (e.resource === R.pods && e.type === 'DELETED') {
        ctx.started.delete(e.object.metadata.uid ?? '');
        ctx.apps.podDeleted(podInfo(e.object));
      }
      this.dirty = true;
      this.schedule();
    });
    this.resync = setInterval(() => {
      this.dirty = true;
      this.schedule();
    }, RESYNC_MS);
    this.resync.unref();
  }

  schedule(): void {
    if (this.pending || this.running || this.ctx.stopped) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.settle();
    });
  }

  /** Re-evaluates pod readiness, after a fault change. */
  refreshPods(): void {
    for (const pod of this.ctx.store.view(R.pods)) refreshPod(this.ctx, pod);
  }

  settle(): void {
    if (this.running || this.ctx.stopped) return;
    this.running = true;
    try {
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        this.dirty = false;
        collectGarbage(this.ctx);
        reconcileDeployments(this.ctx);
        reconcileReplicaSets(this.ctx);
        reconcileJobs(this.ctx);
        reconcileEndpoints(this.ctx);
        if (!this.dirty) break;
      }
    } catch (e) {
      this.ctx.log(`controller error: ${(e as Error).stack ?? e}`);
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    this.unsubscribe();
    clearInterval(this.resync);
  }
}
