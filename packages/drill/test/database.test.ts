/** The database drill in process: whatever fails after the scratch database exists, it is dropped. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { databaseExists } from '../../scripts/test/db/helpers.ts';
import { runDrill } from '../src/run.ts';

describe('database drill (in process)', () => {
  it('drops its scratch database when a step fails after creating it, and journals both', async () => {
    const lines: string[] = [];
    const result = await runDrill({
      scenario: 'database',
      runbook: defaultRunbook(),
      lang: 'en',
      incidentsDir: await mkdtemp(join(tmpdir(), 'runbook-drill-db-')),
      windowSeconds: 8,
      errorRate: 0.2,
      skipBuild: true,
      yes: false,
      isTTY: false,
      ask: async () => false,
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
      // The log is a dependency like any other: failing it fails the step that logs the bad migration.
      log: (line) => {
        lines.push(line);
        if (/migration AddOrderDiscount\d+ applied/.test(line)) throw new Error('injected failure');
      },
      signal: new AbortController().signal,
    });
    expect(result).toMatchObject({ ok: false, exitCode: 70, error: 'injected failure' });
    const find = (step: string, outcome: string) =>
      result.records.find((r) => r.step === step && r.outcome === outcome);
    expect(find('break', 'failed')).toBeDefined();
    expect(result.records.some((r) => r.step.startsWith('migration-rollback/'))).toBe(false);
    const name = String(find('scratch-database', 'ok')?.inputs?.database).split('/').pop()!;
    expect(name).toMatch(/^runbook_drill_/);
    expect(find('drop-scratch', 'ok')?.details).toEqual({ dropped: true });
    expect(await databaseExists(name)).toBe(false);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`scratch database ${name} created on .* and dropped`)),
      ]),
    );
  });
});
