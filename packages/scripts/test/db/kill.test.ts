/**
 * A restore killed half-way: the CLI itself (SIGKILL, then --resume), or its pg_restore child. The live
 * database keeps its name, its rows and its checksums.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../../../../test/helpers/cli.ts';
import { checksums, databaseExists, dropAll, sql } from './helpers.ts';
import { type DbSim, makeScenario, startDbSim } from './sim.ts';

let sim: DbSim;
const created: string[] = [];

beforeAll(async () => {
  sim = await startDbSim();
}, 60_000);
afterAll(async () => {
  await sim?.stop();
  for (const base of created) await dropAll(base);
});

/** Resolves once pg_restore is connected to the temporary database of `db`. */
async function restoreRunning(db: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await sql(
      'postgres',
      "SELECT 1 FROM pg_stat_activity WHERE application_name = 'pg_restore' AND datname LIKE $1",
      [`${db}_restore_%`],
    );
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('pg_restore never started');
}

/** pid of the pg_restore child of `parent`, from /proc. */
function childPgRestore(parent: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const m = /^\d+ \((.*)\) \S (\d+)/.exec(stat);
      if (m?.[1] === 'pg_restore' && Number(m[2]) === parent) return Number(entry);
    } catch {}
  }
  return null;
}

function startCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

describe('a restore killed half-way', () => {
  it('SIGKILL of the CLI during pg_restore: the live database is intact and named as before; --resume finishes', async () => {
    await sim.reset('v1.2.3');
    const s = await makeScenario(sim, created, 'kill', 60_000);
    const { child, done } = startCli(s.args(['--backup', '20240115-14']));
    await restoreRunning(s.db);
    const journalBefore = readFileSync(
      join(s.incidents, readdirSync(s.incidents)[0]!, 'journal.jsonl'),
      'utf8',
    );
    expect(journalBefore).toContain('"step":"restore","outcome":"started"');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    expect(await databaseExists(s.db)).toBe(true);
    expect(await checksums(s.db)).toEqual(s.changed);
    // The API stays stopped (the journal knows it had 5); --resume picks up from there.
    expect(await sim.replicas()).toBe(0);
    const incident = readdirSync(s.incidents)[0]!;
    const resumed = await s.run(['--backup', '20240115-14', '--resume', incident, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await checksums(s.db)).toEqual(s.original);
    expect(await sim.replicas()).toBe(5);
    const leftovers = await sql('postgres', 'SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${s.db}_restore_%`,
    ]);
    expect(leftovers).toEqual([]);
    const report = JSON.parse(resumed.stdout);
    expect(await checksums(report.keptAs)).toEqual(s.changed);
  });

  it('SIGKILL of pg_restore: exit 5, the live database is intact, the half-restored one is dropped, the API is back', async () => {
    await sim.reset('v1.2.3');
    const s = await makeScenario(sim, created, 'killpr', 60_000);
    const { child, done } = startCli(s.args(['--backup', '20240115-14']));
    await restoreRunning(s.db);
    const pid = childPgRestore(child.pid!);
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    const r = await done;
    expect(r.code).toBe(5);
    expect(r.stderr.trim()).toMatch(
      new RegExp(`error: restore failed, ${s.db} is unchanged and in use: pg_restore was killed by SIGKILL$`),
    );
    expect(await checksums(s.db)).toEqual(s.changed);
    expect(
      await sql('postgres', 'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${s.db}\\_%`]),
    ).toEqual([]);
    expect(await sim.replicas()).toBe(5);
  });

  it('SIGTERM during pg_restore: stops it, drops the half-restored database, brings the API back, exit 130', async () => {
    await sim.reset('v1.2.3');
    const s = await makeScenario(sim, created, 'term', 60_000);
    const { child, done } = startCli(s.args(['--backup', '20240115-14']));
    await restoreRunning(s.db);
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(
      new RegExp(`error: restore failed, ${s.db} is unchanged and in use: interrupted by SIGTERM`),
    );
    expect(await checksums(s.db)).toEqual(s.changed);
    expect(
      await sql('postgres', 'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${s.db}\\_%`]),
    ).toEqual([]);
    expect(await sim.replicas()).toBe(5);
  });
});
