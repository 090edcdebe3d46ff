/** One drill per scenario through the built CLI: where traffic and images end up, and what the journal says. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { drill, LOCAL_PG, summary, unfinished } from '../../../test/helpers/drill.ts';
import { sql } from '../../scripts/test/db/helpers.ts';

const GREEN = {
  'marketplace-api-service': { app: 'marketplace-api', version: 'green' },
  'marketplace-web-service': { app: 'marketplace-web', version: 'green' },
};
const images = (tag: string) => ({
  'marketplace-api': `ghcr.io/topsteel/marketplace-api:${tag}`,
  'marketplace-web': `ghcr.io/topsteel/marketplace-web:${tag}`,
});
const drillDatabases = async () =>
  (
    await sql<{ datname: string }>(
      'postgres',
      `SELECT datname FROM pg_database WHERE datname LIKE 'runbook\\_drill\\_%'`,
    )
  ).map((r) => r.datname);

describe('drill scenarios', () => {
  it('native: the bad v1.2.5 is undone to the previous revision (v1.2.4), verified, traffic never left green', async () => {
    const r = await drill(['--scenario', 'native', '--json']);
    const s = summary(r);
    expect(s.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(s.final).toEqual({ selectors: GREEN, images: images('v1.2.4') });
    expect(unfinished(r.records)).toEqual([]);
    const ok = r.records.filter((x) => x.outcome === 'ok').map((x) => x.step);
    expect(ok).toEqual(
      expect.arrayContaining(['break', 'decide', 'native/undo-api', 'native/undo-web', 'native/verify']),
    );
    expect(r.records.find((x) => x.step === 'break' && x.outcome === 'ok')?.details).toMatchObject({
      image: 'v1.2.5',
    });
    expect(s.targets).toEqual([expect.objectContaining({ target: '2m – 5m', met: true })]);
  });

  it('version: the stable v1.2.3 is pinned over the bad v1.2.5 and verified', async () => {
    const r = await drill(['--scenario', 'version', '--json']);
    const s = summary(r);
    expect(s.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(s.final).toEqual({ selectors: GREEN, images: images('v1.2.3') });
    expect(unfinished(r.records)).toEqual([]);
    const ok = r.records.filter((x) => x.outcome === 'ok').map((x) => x.step);
    expect(ok).toEqual(
      expect.arrayContaining(['version/set-image-api', 'version/set-image-web', 'version/verify']),
    );
  });

  it('blue-not-ready: the switch is refused (exit 3), nothing switched, and the drill says what to do instead', async () => {
    const r = await drill(['--scenario', 'blue-not-ready', '--json']);
    expect(r.code).toBe(3);
    const s = summary(r);
    expect(s).toMatchObject({ ok: true, exitCode: 3, expectedExit: 3 });
    expect(s.error).toMatch(/^refusing to switch to blue: marketplace-api-blue has 0\/3 replicas Ready/);
    expect(s.final).toEqual({ selectors: GREEN, images: images('v1.2.4') });
    expect(r.records.some((x) => x.step === 'emergency/switch/switch-traffic')).toBe(false);
    expect(r.records.findLast((x) => x.step === 'emergency/switch/check-target-ready')?.outcome).toBe(
      'failed',
    );
    expect(s.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/Instead: rollback native .* or rollback version TAG/)]),
    );
    expect(s.notifications).toHaveLength(2);
  });

  it('multi-cluster: three regions at once; two switch, the one whose blue is not ready refuses; exit 3 and the table says which', async () => {
    const r = await drill(['--scenario', 'multi-cluster']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^eu-west +ok +0 +\S+/m);
    expect(r.stdout).toMatch(/^us-east +ok +0 +\S+/m);
    expect(r.stdout).toMatch(/^ap-south +refused +3 +\S+/m);
    expect(r.stdout).toMatch(/^needs a human on ap-south$/m);
    expect(r.stdout).toMatch(/drill "multi-cluster" went as the plan says/);
    expect(r.stderr).toMatch(/^\[ap-south\] .*/m);
    // Each region journaled its own rollback under the drill's incident id.
    const regions = r.records.findLast((x) => x.step === 'regions');
    expect(regions?.outcome).toBe('ok');
    const rows = (regions!.details as { rows: Array<{ cluster: string; exitCode: number }> }).rows;
    expect(rows.map((x) => [x.cluster, x.exitCode])).toEqual([
      ['eu-west', 0],
      ['us-east', 0],
      ['ap-south', 3],
    ]);
    // Its post-mortem has the regions' steps in its one timeline, each naming its region.
    const timeline = (await readFile(`${r.incident}/postmortem.md`, 'utf8')).split('## Timeline\n')[1]!;
    for (const region of ['eu-west', 'us-east', 'ap-south'])
      expect(timeline).toMatch(new RegExp(`^- \\S+ - \\[${region}\\] check-target-ready `, 'm'));
  });

  it('database without DATABASE_URL: skipped with a clear note, exit 0, no cluster started', async () => {
    const r = await drill(['--scenario', 'database']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/note: database drill skipped: set DATABASE_URL to a scratch PostgreSQL/);
    expect(r.records.find((x) => x.step === 'database')).toMatchObject({
      outcome: 'skipped',
      details: { reason: 'DATABASE_URL is not set: no PostgreSQL to rehearse on' },
    });
    expect(r.records.some((x) => x.step === 'cluster')).toBe(false);
    expect(r.records.at(-1)).toMatchObject({ step: 'run', outcome: 'ok' });
    expect(existsSync(`${r.incident}/postmortem.md`)).toBe(true);
  });

  it('database with DATABASE_URL: a bad migration reverted through a Job on a scratch database, then dropped', async () => {
    const before = await drillDatabases();
    const r = await drill(['--scenario', 'database', '--json'], LOCAL_PG);
    const s = summary(r);
    expect(s.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(unfinished(r.records)).toEqual([]);
    const step = (name: string) => r.records.find((x) => x.step === name && x.outcome === 'ok');
    const scratch = String(step('scratch-database')?.inputs?.database);
    expect(scratch).toMatch(
      /^postgres:\/\/postgres@127\.0\.0\.1:5432\/runbook_drill_\d{8}_\d{6}_drill_[0-9a-f]+$/,
    );
    expect(step('scratch-database')?.details?.migrations).toEqual([
      'CreateOrders1702000000000',
      'AddPaymentStatus1704000000000',
      'AddMarketplaceNewFeature1705000000000',
    ]);
    expect(step('break')?.details).toMatchObject({ migration: 'AddOrderDiscount1706000000000' });
    expect(step('migration-rollback/migrations')?.details).toEqual({
      reverted: ['AddOrderDiscount1706000000000'],
    });
    expect(step('verify')?.details).toEqual({
      latest: 'AddMarketplaceNewFeature1705000000000',
      schemaMatch: true,
    });
    expect(step('drop-scratch')?.details).toEqual({ dropped: true });
    const order = [
      'scratch-database',
      'break',
      'migration-rollback/stop-writers',
      'migration-rollback/migrations',
      'migration-rollback/restart',
      'verify',
      'drop-scratch',
    ];
    expect(order.map((n) => r.records.findIndex((x) => x.step === n && x.outcome === 'ok'))).toEqual(
      order.map((n) => r.records.findIndex((x) => x.step === n && x.outcome === 'ok')).sort((a, b) => a - b),
    );
    expect(s.targets).toEqual([expect.objectContaining({ target: '1m – 10m', met: true })]);
    // The API came back at its replica count, and the scratch database is gone, no other one touched.
    expect(s.final?.images).toEqual(images('v1.2.4'));
    expect(await drillDatabases()).toEqual(before);
    const snapshot = (await readdir(r.incident)).find((f) => f.endsWith('.dump'));
    expect(snapshot && existsSync(`${r.incident}/${snapshot}`)).toBe(true);
  });

  it('database with --context: refused (exit 2) before any database is created', async () => {
    const before = await drillDatabases();
    const r = await drill(['--scenario', 'database', '--context', 'topsteel-production', '--yes'], LOCAL_PG);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: --scenario database: rehearsed on the simulated cluster only\nhint: on a real cluster its revert Job would reach the app's own database; drop --context\n",
    );
    expect(r.records).toEqual([]);
    expect(await drillDatabases()).toEqual(before);
  });
});
