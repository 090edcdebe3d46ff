/** Runs the built CLI's drill into a fresh incidents folder and reads back what it left. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, runCli } from './cli.ts';

export interface Record_ {
  time: string;
  step: string;
  outcome: 'started' | 'ok' | 'failed' | 'skipped';
  inputs?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

/** Environments without any database, and with the local PostgreSQL (user postgres, trust). */
export const NO_DB = { DATABASE_URL: '', PGHOST: '', PGDATABASE: '', PGUSER: '' };
export const LOCAL_PG = { ...NO_DB, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' };

export interface DrillRun extends CliResult {
  dir: string;
  /** The incident folder the drill wrote. */
  incident: string;
  records: Record_[];
}

export async function drill(args: string[], env: NodeJS.ProcessEnv = NO_DB): Promise<DrillRun> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-drill-'));
  const r = await runCli(['drill', '--skip-build', '--incidents-dir', dir, ...args], { env });
  const [id] = await readdir(dir);
  const incident = id ? join(dir, id) : '';
  const text = id ? await readFile(join(incident, 'journal.jsonl'), 'utf8').catch(() => '') : '';
  const records = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record_);
  return { ...r, dir, incident, records };
}

/** Steps that started and never reached `ok` afterwards, and steps that failed. */
export function unfinished(records: readonly Record_[]): string[] {
  const bad: string[] = [];
  records.forEach((r, i) => {
    if (r.outcome === 'failed') bad.push(`${r.step} failed`);
    if (r.outcome === 'started') {
      const done = records.slice(i + 1).some((x) => x.step === r.step && x.outcome === 'ok');
      if (!done) bad.push(`${r.step} never ok`);
    }
  });
  return bad;
}

/** The `--json` summary printed on stdout. */
export function summary(r: CliResult): Record<string, unknown> & {
  final: { selectors: Record<string, Record<string, string>>; images: Record<string, string> } | null;
} {
  return JSON.parse(r.stdout);
}
