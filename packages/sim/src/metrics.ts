/** Prometheus counters and histograms of one simulated application, in text exposition format 0.0.4. */

export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10];

interface Histogram {
  labels: Record<string, string>;
  buckets: number[];
  sum: number;
  count: number;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function fmt(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function num(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

export class AppMetrics {
  private readonly requests = new Map<string, { labels: Record<string, string>; value: number }>();
  private readonly durations = new Map<string, Histogram>();
  private readonly attempts = new Map<string, { labels: Record<string, string>; value: number }>();
  private readonly failures = new Map<string, { labels: Record<string, string>; value: number }>();

  private bump(
    map: Map<string, { labels: Record<string, string>; value: number }>,
    labels: Record<string, string>,
  ): void {
    const k = fmt(labels);
    const entry = map.get(k) ?? { labels, value: 0 };
    entry.value++;
    map.set(k, entry);
  }

  recordRequest(
    base: Record<string, string>,
    method: string,
    route: string,
    code: number,
    seconds: number,
  ): void {
    this.bump(this.requests, { ...base, code: String(code), method, route });
    const hl = { ...base, method, route };
    const k = fmt(hl);
    const h = this.durations.get(k) ?? { labels: hl, buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.buckets[i]!++;
    });
    h.sum += seconds;
    h.count++;
    this.durations.set(k, h);
  }

  /** Payment counters exist from the start, at 0, so that rates over them are defined. */
  initPayments(base: Record<string, string>): void {
    const k = fmt(base);
    if (!this.attempts.has(k)) this.attempts.set(k, { labels: base, value: 0 });
    if (!this.failures.has(k)) this.failures.set(k, { labels: base, value: 0 });
  }

  recordPayment(base: Record<string, string>, failed: boolean): void {
    this.bump(this.attempts, base);
    if (failed) this.bump(this.failures, base);
  }

  /** Sum of http_requests_total, by status code, for tests and drills. */
  requestCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { labels, value } of this.requests.values())
      out[labels.code!] = (out[labels.code!] ?? 0) + value;
    return out;
  }

  render(info: Record<string, string>): string {
    const lines: string[] = [
      '# HELP app_info Version of the running application.',
      '# TYPE app_info gauge',
      `app_info${fmt(info)} 1`,
      '# HELP http_requests_total Total number of HTTP requests handled.',
      '# TYPE http_requests_total counter',
    ];
    for (const { labels, value } of this.requests.values())
      lines.push(`http_requests_total${fmt(labels)} ${value}`);
    lines.push('# HELP http_request_duration_seconds Duration of HTTP requests in seconds.');
    lines.push('# TYPE http_request_duration_seconds histogram');
    for (const h of this.durations.values()) {
      BUCKETS.forEach((b, i) => {
        lines.push(`http_request_duration_seconds_bucket${fmt({ ...h.labels, le: num(b) })} ${h.buckets[i]}`);
      });
      lines.push(`http_request_duration_seconds_bucket${fmt({ ...h.labels, le: '+Inf' })} ${h.count}`);
      lines.push(`http_request_duration_seconds_sum${fmt(h.labels)} ${num(h.sum)}`);
      lines.push(`http_request_duration_seconds_count${fmt(h.labels)} ${h.count}`);
    }
    lines.push('# HELP payment_attempts_total Total number of payment attempts.');
    lines.push('# TYPE payment_attempts_total counter');
    for (const { labels, value } of this.attempts.values())
      lines.push(`payment_attempts_total${fmt(labels)} ${value}`);
    lines.push('# HELP payment_failures_total Total number of failed payment attempts.');
    lines.push('# TYPE payment_failures_total counter');
    for (const { labels, value } of this.failures.values())
      lines.push(`payment_failures_total${fmt(labels)} ${value}`);
    return `${lines.join('\n')}\n`;
  }
}
