/** Runs the controllers after every change until the world is settled, as kube-controller-manager does. */
import { podInfo } from './app.ts';
import { R, type SimContext } from './context.ts';
import { reconcileDeployments } from './deployment-controller.ts';
import { EndpointsController } from './endpoints-controller.ts';
import { collectGarbage } from './gc.ts';
import { reconcileJobs } from './job-controller.ts';
import { ROOT_CA_CONFIGMAP, reconcileNamespaceDefaults } from './namespace-defaults.ts';
import { PodTerminator } from './pod-termination.ts';
import { refreshPod } from './pods.ts';
import { reconcileReplicaSets } from './replicaset-controller.ts';
import type { StoreEvent } from './store.ts';

const MAX_PASSES = 50;
// Periodic resync: progress deadlines expire without any write to wake the controllers.
const RESYNC_MS = 1000;
const YIELD_AFTER_MS = 10;

/**
 * Whether a change concerns a controller, as its informers would see it. Events are written about the
 * controllers' work and never read by it; Leases and ConfigMaps (a rollback's lock and incident record, written
 * several times a second) are read by none, except the namespace's root CA ConfigMap and objects that name an
 * owner, which garbage collection follows. A deletion always wakes them: it may leave dependents ownerless.
 */
function wakes(e: StoreEvent): boolean {
  const kind = e.resource.kind;
  if (kind === 'Event') return false;
  if (e.type === 'DELETED' || (kind !== 'Lease' && kind !== 'ConfigMap')) return true;
  return Boolean(e.object.metadata.ownerReferences?.length) || e.object.metadata.name === ROOT_CA_CONFIGMAP;
}

export class Controllers {
  private dirty = false;
  private pending = false;
  private running = false;
  private readonly unsubscribe: () => void;
  private readonly resync: NodeJS.Timeout;
  private readonly endpoints: EndpointsController;
  private readonly terminator: PodTerminator;

  constructor(private readonly ctx: SimContext) {
    this.endpoints = new EndpointsController(ctx);
    this.terminator = new PodTerminator(ctx);
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (!wakes(e)) return;
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
      void this.settleAsync();
    });
  }

  /** Re-evaluates pod readiness, after a fault change. */
  refreshPods(): void {
    for (const pod of this.ctx.store.view(R.pods)) refreshPod(this.ctx, pod);
  }

  /** One pass, controller by controller: each step reads what the previous ones wrote. */
  private steps(): Array<() => void> {
    const ctx = this.ctx;
    return [
      () => collectGarbage(ctx),
      () => this.terminator.reconcile(),
      () => reconcileDeployments(ctx),
      () => reconcileReplicaSets(ctx),
      () => reconcileJobs(ctx),
      () => this.endpoints.reconcile(),
      () => reconcileNamespaceDefaults(ctx),
    ];
  }

  /** Settles at once, for the start-up of the world before the API server listens. */
  settle(): void {
    if (this.running || this.ctx.stopped) return;
    this.running = true;
    try {
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        this.dirty = false;
        for (const step of this.steps()) step();
        if (!this.dirty) break;
      }
    } catch (e) {
      this.ctx.log(`controller error: ${(e as Error).stack ?? e}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * Settles off the request path: once the controllers have worked for YIELD_AFTER_MS, the event loop turns
   * before the next one, so a request that comes in meanwhile waits for one controller's step at most, not for
   * the whole settling. A small world still settles in one go, as between two requests.
   */
  private async settleAsync(): Promise<void> {
    if (this.running || this.ctx.stopped) return;
    this.running = true;
    let since = performance.now();
    try {
      for (let pass = 0; pass < MAX_PASSES && !this.ctx.stopped; pass++) {
        this.dirty = false;
        for (const step of this.steps()) {
          step();
          if (performance.now() - since < YIELD_AFTER_MS) continue;
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (this.ctx.stopped) return;
          since = performance.now();
        }
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
    this.endpoints.stop();
    clearInterval(this.resync);
  }
}
