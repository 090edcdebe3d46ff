/** Shared fixtures of the decide suite: test runbooks with short windows, and the CLI's JSON output. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPlan, type MetricCriterion, type RunbookInput } from '@runbook/core';
import { runCli } from '../../../../test/helpers/cli.ts';

/** The window of error-rate in the test runbooks (the plan's is 5m). */
export const WINDOW_S = 6;
/** Rate range of every criterion in the test runbooks (scrapes are 1 s apart). */
export const RANGE_S = 3;

/** The plan with windows and ranges shortened, written as JSON for `--runbook`. */
export function shortRunbook(mutate: (criteria: MetricCriterion[]) => void = () => {}): string {
  const plan = structuredClone(builtinPlan) as RunbookInput;
  const metrics = plan.criteria.filter((c) => c.kind === 'metric') as MetricCriterion[];
  for (const c of metrics) {
    c.range = `${RANGE_S}s`;
    if (c.window) c.window = `${WINDOW_S}s`;
  }
  mutate(metrics);
  const file = join(mkdtempSync(join(tmpdir(), 'runbook-decide-')), 'runbook.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

export interface Row {
  criterion: string;
  verdict: string;
  value: number | null;
  breachedForMs: number;
  note?: string;
}

export async function decideJson(args: string[], env?: NodeJS.ProcessEnv) {
  const res = await runCli(['decide', '--json', '--lang', 'en', ...args], { env });
  let report: {
    rows: Row[];
    outcome: string;
    procedure: string | null;
    notes: string[];
    incident?: string;
  } | null = null;
  try {
    report = JSON.parse(res.stdout);
  } catch {}
  const row = (id: string) => report?.rows.find((r) => r.criterion === id);
  return { ...res, report, row };
}

/** Polls `check` until it returns true, or fails with what it last saw. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 500));
    last = await fn();
  }
  return last;
}
