/** Steady synthetic traffic through the services, so that the selected version's metrics move. */
import type { ServiceRouter } from './service-router.ts';

const TICK_MS = 100;
const MIX: Array<[string, string]> = [
  ['GET', '/api/products'],
  ['GET', '/api/products'],
  ['GET', '/'],
  ['POST', '/api/payments'],
  ['GET', '/api/products'],
];

export class Traffic {
  private readonly timer: NodeJS.Timeout | undefined;
  private owed = 0;
  private n = 0;

  constructor(
    router: ServiceRouter,
    targets: Array<{ namespace: string; service: string }>,
    perSecond: number,
  ) {
    if (perSecond <= 0 || !targets.length) return;
    this.timer = setInterval(() => {
      this.owed += (perSecond * TICK_MS) / 1000;
      const count = Math.floor(this.owed);
      this.owed -= count;
      for (let i = 0; i < count; i++) {
        const [method, path] = MIX[this.n++ % MIX.length]!;
        for (const t of targets) router.route(t.namespace, t.service, method, path);
      }
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
