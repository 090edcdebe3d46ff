/** rollback native|version refuse an image the database's schema does not fit (real PostgreSQL + sim, built CLI). */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimCluster } from '@runbook/sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { createMarketplace, dropAll, sql, uniqueDb, urlFor } from '../db/helpers.ts';
import { mutations, NS, startSim } from './setup.ts';

const NO_DB = { DATABASE_URL: '', PGHOST: '', PGDATABASE: '', PGUSER: '' };
// v1.2.2's schema: v1.2.3 (the stable version, and the revision before v1.2.4) expects AddPaymentStatus.
const behind = uniqueDb('sm_behind');
const current = uniqueDb('sm_current');

let sim: SimCluster;
beforeAll(async () => {
  await createMarketplace(behind, 5);
  await sql(behind, `DELETE FROM migrations WHERE name = 'AddPaymentStatus1704000000000'`);
  await createMarketplace(current, 5);
});
afterAll(async () => {
  await dropAll(behind);
  await dropAll(current);
});
afterEach(async () => {
  await sim?.stop();
});

const tmp = () => mkdtemp(join(tmpdir(), 'runbook-schema-'));
const imageOf = (name: string) =>
  String(sim.get('deployment', NS, name)?.spec?.template?.spec?.containers?.[0]?.image);

async function journal(
  dir: string,
): Promise<Array<{ step: string; outcome: string; details?: Record<string, unknown> }>> {
  const [id] = await readdir(dir);
  const text = await readFile(join(dir, id!, 'journal.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const MISMATCH =
  'error: app and schema do not match: v1.2.3 expects migration AddPaymentStatus1704000000000, which the database does not have (its latest is CreateOrders1702000000000)\n' +
  'hint: run v1.2.2 against this database, restore a backup that has AddPaymentStatus1704000000000, or pass --force\n';

describe('rollback version TAG and the schema', () => {
  it('refuses a tag whose last migration the database lacks (exit 3, nothing changed), dry-run included', async () => {
    sim = await startSim();
    const dir = await tmp();
    const args = [
      'rollback',
      'version',
      'v1.2.3',
      '--database',
      urlFor(behind),
      '--kubeconfig',
      sim.kubeconfig,
    ];
    const r = await runCli([...args, '--yes', '--incidents-dir', dir], { env: NO_DB });
    expect(r.code).toBe(3);
    expect(r.stderr.endsWith(MISMATCH)).toBe(true);
    const dry = await runCli([...args, '--dry-run', '--incidents-dir', dir], { env: NO_DB });
    expect(dry.code).toBe(3);
    expect(dry.stderr.endsWith(MISMATCH)).toBe(true);
    expect(mutations(sim)).toEqual([]);
    expect(imageOf('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.4');
    const records = await journal(dir);
    expect(records.find((x) => x.step === 'schema-match' && x.outcome === 'failed')?.details?.code).toBe(
      'E_SCHEMA_MISMATCH',
    );
  });

  it('--force goes through with a warning, and the journal keeps the forced mismatch', async () => {
    sim = await startSim();
    const dir = await tmp();
    const r = await runCli(
      [
        'rollback',
        'version',
        'v1.2.3',
        '--force',
        '--yes',
        '--kubeconfig',
        sim.kubeconfig,
        '--incidents-dir',
        dir,
      ],
      { env: { ...NO_DB, DATABASE_URL: urlFor(behind) } },
    );
    expect(r.stderr).toContain('warning: --force: app and schema do not match: v1.2.3 expects migration');
    expect(r.code).toBe(0);
    expect(imageOf('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.3');
    expect(imageOf('marketplace-web')).toBe('ghcr.io/topsteel/marketplace-web:v1.2.3');
    const check = (await journal(dir)).find((x) => x.step === 'schema-match' && x.outcome === 'ok');
    expect(check?.details).toMatchObject({ ok: false, forced: true, version: 'v1.2.3' });
  });

  it('with no database configured at all, says in one line that the check is skipped', async () => {
    sim = await startSim();
    const dir = await tmp();
    const r = await runCli(
      ['rollback', 'version', 'v1.2.3', '--yes', '--kubeconfig', sim.kubeconfig, '--incidents-dir', dir],
      { env: NO_DB },
    );
    expect(r.code).toBe(0);
    expect(r.stderr.match(/schema check skipped: no database configured/g)).toHaveLength(1);
    expect(imageOf('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.3');
    expect((await journal(dir)).find((x) => x.step === 'schema-match')?.outcome).toBe('skipped');
  });
});

describe('rollback native and the schema', () => {
  it("checks the previous revision's image: refused on v1.2.2's schema, passes on v1.2.3's", async () => {
    sim = await startSim();
    const dir = await tmp();
    const cluster = ['--yes', '--kubeconfig', sim.kubeconfig, '--incidents-dir', dir];
    const refused = await runCli(['rollback', 'native', ...cluster], {
      env: { ...NO_DB, PGHOST: '127.0.0.1', PGUSER: 'postgres', PGDATABASE: behind },
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr.endsWith(MISMATCH)).toBe(true);
    expect(mutations(sim)).toEqual([]);
    expect(imageOf('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.4');

    const ok = await runCli(['rollback', 'native', '--database', urlFor(current), ...cluster], {
      env: NO_DB,
    });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(
      '✓ schema: the database is at AddPaymentStatus1704000000000, as v1.2.3 expects',
    );
    expect(imageOf('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.3');
  });

  it('a --database that is not a postgres URL is a usage error before anything', async () => {
    sim = await startSim();
    const r = await runCli([
      'rollback',
      'native',
      '--database',
      'mysql://x@y/z',
      '--kubeconfig',
      sim.kubeconfig,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: --database: expected a postgres:// or postgresql:// URL, got "mysql://…"\n',
    );
    expect(mutations(sim)).toEqual([]);
  });
});
