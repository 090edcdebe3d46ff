/** The simulated application of each world app: what each pod of each version answers, logs and counts. */
import { randomUUID } from 'node:crypto';
import { APP_ANNOTATION, COLOR_LABEL_ANNOTATION } from './annotations.ts';
import type { FaultTable } from './faults.ts';
import { AppMetrics, BUCKETS } from './metrics.ts';
import { PodLogs } from './pod-logs.ts';
import type { FaultSpec, KObject, WorldApp, WorldRoute } from './types.ts';

export interface PodInfo {
  namespace: string;
  name: string;
  app: string;
  color: string;
  /** Image tag, e.g. v1.2.4. */
  version: string;
}

export interface AppResponse {
  status: number;
  contentType: string;
  body: string;
  /** Latency the application takes for this request; callers sleep it for real clients only. */
  delayMs: number;
}

export function podInfo(pod: KObject): PodInfo {
  const labels = pod.metadata.labels ?? {};
  const annotations = pod.metadata.annotations ?? {};
  const image: string = pod.spec?.containers?.[0]?.image ?? '';
  const tag = /:([^/:]+)$/.exec(image)?.[1] ?? 'latest';
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    app: annotations[APP_ANNOTATION] ?? labels.app ?? pod.metadata.name ?? '',
    color: labels[annotations[COLOR_LABEL_ANNOTATION] ?? 'version'] ?? '',
    version: tag,
  };
}

/** Fires `true` for `rate` of the calls, evenly: deterministic, so tests can count on it. */
class Rate {
  private n = 0;
  hit(rate: number): boolean {
    const before = Math.floor(this.n * rate);
    this.n++;
    return rate > 0 && Math.floor(this.n * rate) > before;
  }
}

/**
 * Latency in seconds whose histogram_quantile(0.95) comes out at `p95`: a fraction f of requests falls
 * uniformly in the bucket (lo, hi] around p95, with f chosen so that linear interpolation lands on it.
 */
function latency(p95Ms: number | undefined, slow: Rate): number {
  const fast = 0.005 + Math.random() * 0.07;
  if (!p95Ms || p95Ms <= 100) return p95Ms ? (fast * p95Ms) / 75 : fast;
  const p = p95Ms / 1000;
  const lo = [...BUCKETS].reverse().find((b) => b <= p) ?? 0;
  const hi = BUCKETS.find((b) => b > p) ?? p * 1.2;
  const r = (p - lo) / (hi - lo);
  const f = Math.min(1, 0.05 / (1 - r));
  return slow.hit(f) ? lo + (hi - lo) * (1 - Math.random()) : fast;
}

class AppState {
  readonly metrics = new AppMetrics();
  readonly errors = new Rate();
  /** Payments keep their own count: with one shared count, the traffic mix lined up with it and no payment ever failed. */
  readonly paymentErrors = new Rate();
  readonly slow = new Rate();
}

const HEALTH_PATHS = ['/health', '/healthz', '/ready'];

export class SimApps {
  private readonly apps = new Map<string, AppState>();
  /** What each pod's container wrote, as the kubelet keeps it. */
  readonly podLogs = new PodLogs();
  private readonly world: Map<string, WorldApp>;

  constructor(
    private readonly faults: FaultTable,
    world: readonly WorldApp[],
  ) {
    this.world = new Map(world.map((a) => [a.name, a]));
  }

  faultOf(pod: PodInfo): FaultSpec {
    return this.faults.lookup(pod.color, pod.version);
  }

  private state(pod: PodInfo): AppState {
    const key = `${pod.namespace}/${pod.app}/${pod.color}`;
    let s = this.apps.get(key);
    if (!s) {
      s = new AppState();
      this.apps.set(key, s);
    }
    s.metrics.initPayments(this.base(pod));
    return s;
  }

  /** The labels of every series of the pod's app: the world app's metric labels come last and win. */
  private base(pod: PodInfo): Record<string, string> {
    const extra = this.world.get(pod.app)?.metricLabels ?? {};
    return { app: pod.app, color: pod.color, version: pod.version, ...extra };
  }

  log(pod: PodInfo, level: 'INFO' | 'WARN' | 'ERROR', message: string): void {
    this.podLogs.append(
      pod,
      `${new Date().toISOString()} ${level.padEnd(5)} ${message} app=${pod.app} version=${pod.version} color=${pod.color}`,
    );
  }

  podStarted(pod: PodInfo): void {
    this.state(pod);
    this.log(pod, 'INFO', `starting ${pod.app} ${pod.version}`);
    this.log(pod, 'INFO', `listening on :${this.world.get(pod.app)?.targetPort ?? 3000}`);
    this.reportFault(pod);
  }

  /** A faulty version says so in its logs, as a real one would. */
  reportFault(pod: PodInfo): void {
    const f = this.faultOf(pod);
    if (f.notReady) this.log(pod, 'ERROR', 'readiness check failed: database connection refused');
    if (f.down) this.log(pod, 'ERROR', 'health check failed: upstream unreachable');
    if (f.p95Ms) this.log(pod, 'WARN', `slow responses: p95 ${f.p95Ms}ms`);
    if (f.errorRate) this.log(pod, 'ERROR', `error rate ${f.errorRate}: upstream returning 502`);
  }

  /** Output of a Job's work, kept as the pod's log. */
  appendLog(pod: PodInfo, text: string): void {
    for (const line of text.replace(/\n$/, '').split('\n')) this.podLogs.append(pod, line);
  }

  podDeleted(pod: PodInfo): void {
    this.podLogs.remove(pod);
  }

  requestCounts(namespace: string, app: string, color: string): Record<string, number> {
    return this.apps.get(`${namespace}/${app}/${color}`)?.metrics.requestCounts() ?? {};
  }

  serve(pod: PodInfo, method: string, path: string): AppResponse {
    const fault = this.faultOf(pod);
    const s = this.state(pod);
    const url = path.split('?')[0] || '/';
    const json = (status: number, body: unknown, delayMs = 0): AppResponse => ({
      status,
      contentType: 'application/json',
      body: JSON.stringify(body),
      delayMs,
    });
    if (fault.down) {
      this.log(pod, 'ERROR', `${method} ${url} 503 service unavailable`);
      return json(503, { status: 'down', version: pod.version, color: pod.color, pod: pod.name });
    }
    const app = this.world.get(pod.app);
    if (HEALTH_PATHS.includes(url) || url === app?.healthPath) {
      return json(200, { status: 'ok', version: pod.version, color: pod.color, pod: pod.name });
    }
    if (url === '/metrics') {
      return {
        status: 200,
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
        // Counters belong to the version, not the pod: a `pod` label would make each scrape through the
        // service look like a new series, and rates between two scrapes would read as resets.
        body: s.metrics.render(this.base(pod)),
        delayMs: 0,
      };
    }
    const seconds = latency(fault.p95Ms, s.slow);
    const found = app?.routes?.find((r) => r.path === url && r.method === method);
    const served: WorldRoute | undefined = url === '/' ? { method, path: '/' } : found;
    const route = served ? url : 'unknown';
    const errors = served?.payment ? s.paymentErrors : s.errors;
    const failed = served !== undefined && errors.hit(fault.errorRate ?? 0);
    let res: AppResponse;
    if (!served) res = json(404, { error: 'not found', path: url });
    else if (failed) res = json(500, { error: 'upstream returned 502', version: pod.version });
    else if (method !== 'GET') res = json(201, { id: randomUUID(), status: 'accepted' });
    else
      res = json(200, { service: pod.app, path: url, version: pod.version, color: pod.color, pod: pod.name });
    if (served?.payment) s.metrics.recordPayment(this.base(pod), failed);
    s.metrics.recordRequest(this.base(pod), method, route, res.status, seconds);
    const ms = Math.round(seconds * 1000);
    if (res.status >= 500)
      this.log(pod, 'ERROR', `${method} ${url} ${res.status} ${ms}ms error="upstream returned 502"`);
    else this.log(pod, 'INFO', `${method} ${url} ${res.status} ${ms}ms`);
    return { ...res, delayMs: seconds * 1000 };
  }
}
