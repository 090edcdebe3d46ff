/**
 * The kubelet's readiness prober, as far as Events go: a started pod whose version is faulted `not-ready`
 * fails its probe every periodSeconds, and each failure is one more occurrence of the same `Unhealthy` Warning
 * (folded into one Event whose count grows, as the kubelet's recorder does).
 */
import { podInfo } from './app.ts';
import { R, type SimContext } from './context.ts';
import type { EventWriter } from './events.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are arbitrary JSON
type Any = any;

const TICK_MS = 250;
/** The kubelet's default probe period. */
const DEFAULT_PERIOD_S = 10;

interface Probed {
  namespace: string;
  name: string;
  /** When the next probe fails, in ms since the epoch. */
  next: number;
}

function probedContainer(pod: KObject): Any | undefined {
  const containers: Any[] = pod.spec?.containers ?? [];
  return containers.find((c) => c.readinessProbe) ?? containers[0];
}

export class ReadinessProber {
  /** Pods that are running but not Ready, by uid: the only ones whose probe may fail. */
  private readonly unready = new Map<string, Probed>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: SimContext,
    private readonly events: EventWriter,
  ) {}

  /** Follows a pod's readiness: it is probed while it runs and is not Ready. */
  observe(pod: KObject, running: boolean, ready: boolean): void {
    const uid = pod.metadata.uid ?? '';
    if (!running || ready) {
      this.forget(uid);
      return;
    }
    if (this.unready.has(uid)) return;
    this.unready.set(uid, {
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      next: 0,
    });
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  forget(uid: string): void {
    this.unready.delete(uid);
    if (this.unready.size || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (this.ctx.stopped) {
      this.stop();
      return;
    }
    const at = Date.now();
    for (const [uid, p] of this.unready) {
      if (at < p.next || !this.ctx.started.has(uid)) continue;
      const pod = this.ctx.store.peek(R.pods, p.namespace, p.name);
      if (!pod || pod.metadata.uid !== uid) {
        this.forget(uid);
        continue;
      }
      if (!this.ctx.apps.faultOf(podInfo(pod)).notReady) continue;
      const c = probedContainer(pod);
      if (!c) continue;
      p.next = at + (c.readinessProbe?.periodSeconds ?? DEFAULT_PERIOD_S) * 1000;
      this.events.record(
        pod,
        'Warning',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
        { component: 'kubelet', host: pod.spec?.nodeName },
        `spec.containers{${c.name}}`,
      );
    }
  }

  stop(): void {
    this.unready.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
