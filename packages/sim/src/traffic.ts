/** Steady synthetic traffic through the services, so that the selected version's metrics move. */
import type { ServiceRouter } from './service-router.ts';
import type { WorldRoute } from './types.ts';

const TICK_MS = 100;

export interface TrafficTarget {
  namespace: string;
  service: string;
  /** The app's routes; each round requests every one of them, then `GET /`. */
  routes: readonly WorldRoute[];
}

export class Traffic {
  private readonly timer: NodeJS.Timeout | undefined;
  private owed = 0;
  private n = 0;

  constructor(router: ServiceRouter, targets: TrafficTarget[], perSecond: number) {
    if (perSecond <= 0 || !targets.length) return;
    const mixes = targets.map((t) => [...t.routes, { method: 'GET', path: '/' }]);
    this.timer = setInterval(() => {
      this.owed += (perSecond * TICK_MS) / 1000;
      const count = Math.floor(this.owed);
      this.owed -= count;
      for (let i = 0; i < count; i++) {
        const n = this.n++;
        targets.forEach((t, j) => {
          const mix = mixes[j]!;
          const { method, path } = mix[n % mix.length]!;
          router.route(t.namespace, t.service, method, path);
        });
      }
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
