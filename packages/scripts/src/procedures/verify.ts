/**
 * Post-rollback verification: health of every app, error rate and P95 (and the other metric criteria) from
 * /metrics against the runbook thresholds, ERROR lines in the serving pods' last log lines, and the critical
 * path tests. Unlike the plan's `grep ERROR || echo`, finding errors fails the verification.
 */
import { type App, compare, EXIT, type MetricCriterion, RunbookError } from '@runbook/core';
import { computeSignals, type Signals, signalValues } from '../adapters/metrics.ts';
import { sleep } from '../adapters/time.ts';
import { fetchHealth, fetchMetrics, requestThroughService } from './_endpoints.ts';
import { runCriticalTests } from './critical-tests.ts';
import { appsOf, type ProcedureDeps } from './deps.ts';

export type CheckStatus = 'PASS' | 'FAIL' | 'N/A';

export interface VerifyCheck {
  check: string;
  app?: string;
  status: CheckStatus;
  detail: string;
}

export interface VerifyOptions {
  /**
   * argv of the critical-path tests; `null` skips them; `'builtin'` sends each app's `criticalPath` requests
   * through its Service. Default: the runbook's meta.criticalTests, or the built-in check on a simulated
   * environment, which has none of the runbook's test commands.
   */
  criticalTests?: string[] | 'builtin' | null;
  /** Two scrapes this far apart measure the signals over that window; 0 (default) uses one scrape's cumulative ratios. */
  metricsWindowMs?: number;
  /** Log lines per pod searched for ERROR; default 100, as the plan. */
  logLines?: number;
  /** Time the critical-path command may take; default 5 min. */
  testTimeoutMs?: number;
}

export interface VerifyResult {
  ok: boolean;
  checks: VerifyCheck[];
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const show = (c: MetricCriterion, v: number) =>
  c.unit === 'ratio' ? pct(v) : c.unit === 'seconds' ? `${v.toFixed(3)} s` : String(v);

async function healthCheck(deps: ProcedureDeps, app: App): Promise<VerifyCheck> {
  const h = await fetchHealth(deps, app);
  return {
    check: 'health',
    app: app.id,
    status: h.ok ? 'PASS' : 'FAIL',
    detail: `${h.via}: ${h.ok ? `HTTP ${h.status}` : h.error}`,
  };
}

async function metricsCheck(deps: ProcedureDeps, app: App, windowMs: number): Promise<VerifyCheck[]> {
  const first = await fetchMetrics(deps, app);
  if (!first.ok)
    return [{ check: 'metrics', app: app.id, status: 'FAIL', detail: `${first.via}: ${first.error}` }];
  let signals: Signals = computeSignals(first.body);
  if (windowMs > 0) {
    await sleep(windowMs, deps.signal);
    const second = await fetchMetrics(deps, app);
    if (second.ok) signals = computeSignals(second.body, first.body);
  }
  const values = signalValues(signals);
  const criteria = deps.runbook.criteria.filter(
    (c): c is MetricCriterion => c.kind === 'metric' && c.signal in values,
  );
  return criteria.map((c) => {
    const v = values[c.signal];
    const name = `${c.signal}`;
    if (v === null || v === undefined)
      return {
        check: name,
        app: app.id,
        status: 'N/A',
        detail:
          c.signal === 'payment-failure-rate'
            ? `no data (${signals.payments} payment attempts)`
            : `no data (${signals.requests} requests)`,
      };
    const breach = compare(v, c.comparator, c.threshold);
    const basis = signals.basis === 'window' ? `over ${windowMs / 1000} s` : 'cumulative';
    return {
      check: name,
      app: app.id,
      status: breach ? 'FAIL' : 'PASS',
      detail: `${show(c, v)} (threshold ${c.comparator} ${show(c, c.threshold)}, ${basis}, ${signals.requests} requests)`,
    };
  });
}

/** ERROR lines in the last lines of the pods the Service sends traffic to (not the abandoned colour's). */
async function logsCheck(deps: ProcedureDeps, app: App, lines: number): Promise<VerifyCheck> {
  const svc = await deps.kube.getService(app.service);
  const selector = Object.entries<string>(svc.spec?.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  // Terminating pods (a rollout's replaced ones) get no traffic any more, and may be gone before their logs are read.
  const pods = (await deps.kube.listPods(selector)).filter((p) => !p.metadata?.deletionTimestamp);
  const errors: string[] = [];
  await Promise.all(
    pods.map(async ({ metadata }) => {
      const name = metadata?.name ?? '';
      const text = await deps.kube
        .podLogs(name, { container: app.container, tailLines: lines })
        .catch((e: unknown) => {
          if (e instanceof RunbookError && e.code === 'E_NOT_FOUND') return '';
          throw e;
        });
      for (const l of text.split('\n')) if (/\bERROR\b/.test(l)) errors.push(`${name}: ${l}`);
    }),
  );
  return {
    check: 'error-logs',
    app: app.id,
    status: errors.length ? 'FAIL' : 'PASS',
    detail: errors.length
      ? `${errors.length} ERROR lines in ${pods.length} pods (${selector}); first: ${errors[0]!.slice(0, 160)}`
      : `no ERROR in the last ${lines} lines of ${pods.length} pods (${selector})`,
  };
}

/** Every request of every app's `criticalPath`, through the app's service; all must answer 2xx. */
async function builtinCriticalPath(deps: ProcedureDeps, apps: App[]): Promise<VerifyCheck> {
  const routes = apps.flatMap((app) => app.criticalPath.map((route) => ({ app, route })));
  if (!routes.length)
    return {
      check: 'critical-tests',
      status: 'N/A',
      detail: 'no criticalPath in the runbook: only health, metrics and logs are checked',
    };
  const answers = await Promise.all(
    routes.map(async ({ app, route }) => {
      const r = await requestThroughService(deps, app, route.path, route.method);
      return {
        ok: r.status >= 200 && r.status < 300,
        text: `${route.name}: ${route.method} ${route.path} → ${r.status || r.error}`,
      };
    }),
  );
  return {
    check: 'critical-tests',
    status: answers.every((a) => a.ok) ? 'PASS' : 'FAIL',
    detail: `built-in sim check of the runbook's criticalPath (the sim runs no test command): ${answers.map((a) => a.text).join(', ')}`,
  };
}

async function commandCriticalPath(
  deps: ProcedureDeps,
  argv: string[],
  timeoutMs: number,
): Promise<VerifyCheck> {
  const { ok, detail } = await runCriticalTests(argv, timeoutMs, deps.signal);
  return { check: 'critical-tests', status: ok ? 'PASS' : 'FAIL', detail };
}

/** Runs every check; `ok` is false when any check fails (the CLI exits 4). */
export async function verify(deps: ProcedureDeps, options: VerifyOptions = {}): Promise<VerifyResult> {
  const apps = appsOf(deps.runbook);
  const lines = options.logLines ?? 100;
  const tests =
    options.criticalTests === undefined
      ? deps.env.simulated
        ? 'builtin'
        : deps.runbook.meta.criticalTests
      : options.criticalTests;
  if (deps.dryRun) {
    deps.out(
      '• verify: read-only checks (health, metrics, logs, critical tests); they run for real even in --dry-run',
    );
  }
  let checks: VerifyCheck[] = [];
  try {
    await deps.journal.check('verify', { criticalTests: tests, logLines: lines }, async () => {
      const groups = await Promise.all([
        ...apps.map((a) => healthCheck(deps, a).then((c) => [c])),
        ...apps.map((a) => metricsCheck(deps, a, options.metricsWindowMs ?? 0)),
        ...apps.map((a) => logsCheck(deps, a, lines).then((c) => [c])),
        (tests === null
          ? Promise.resolve<VerifyCheck>({
              check: 'critical-tests',
              status: 'N/A',
              detail: 'skipped (--skip-critical-tests)',
            })
          : tests === 'builtin'
            ? builtinCriticalPath(deps, apps)
            : commandCriticalPath(deps, tests, options.testTimeoutMs ?? 5 * 60_000)
        ).then((c) => [c]),
      ]);
      checks = groups.flat();
      const failed = checks.filter((c) => c.status === 'FAIL');
      // A failed verification is a failed step: the journal says so, and --resume runs it again.
      if (failed.length) {
        throw new RunbookError(
          'E_VERIFY_FAILED',
          `verification failed: ${failed.map((c) => `${c.check}${c.app ? ` ${c.app}` : ''}`).join(', ')}`,
          EXIT.verification,
        );
      }
      return { checks: checks.map((c) => `${c.status} ${c.check}${c.app ? ` ${c.app}` : ''}`) };
    });
  } catch (err) {
    if ((err as RunbookError).code !== 'E_VERIFY_FAILED') throw err;
    return { ok: false, checks };
  }
  return { ok: true, checks };
}
