import { checkSchemaMatch, defaultRunbook, type Runbook, RunbookError } from '@runbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbAdapter } from '../../src/adapters/db.ts';
import { assertSchemaMatch } from '../../src/schema-match.ts';
import { changeMarketplace, connectionFor, createMarketplace, dropAll, uniqueDb } from './helpers.ts';
import { type DbSim, startDbSim } from './sim.ts';

const V123 = ['CreateProducts1700000000000', 'CreateOrders1702000000000', 'AddPaymentStatus1704000000000'];
const V124 = [...V123, 'AddMarketplaceNewFeature1705000000000'];

function withBreaking(version: string): Runbook {
  const runbook = structuredClone(defaultRunbook());
  for (const v of runbook.meta.appVersions) if (v.version === version) v.backwardCompatible = false;
  return runbook;
}

describe('checkSchemaMatch', () => {
  const runbook = defaultRunbook();

  it('accepts the schema an image expects, and a full image reference', () => {
    expect(checkSchemaMatch(runbook, { imageTag: 'v1.2.3', appliedMigrations: V123 })).toMatchObject({
      ok: true,
      expected: 'AddPaymentStatus1704000000000',
      newer: [],
    });
    expect(
      checkSchemaMatch(runbook, {
        imageTag: 'ghcr.io/topsteel/marketplace-api:v1.2.4',
        appliedMigrations: V124,
      }).ok,
    ).toBe(true);
  });

  it('refuses an image that expects a migration the database lacks, naming both', () => {
    const r = checkSchemaMatch(runbook, { imageTag: 'v1.2.4', appliedMigrations: V123 });
    expect(r.ok).toBe(false);
    expect(r.problem).toBe(
      'v1.2.4 expects migration AddMarketplaceNewFeature1705000000000, which the database does not have (its latest is AddPaymentStatus1704000000000)',
    );
    expect(r.hint).toMatch(/run v1\.2\.3 against this database/);
  });

  it('accepts newer migrations declared backward compatible, refuses them otherwise', () => {
    const ok = checkSchemaMatch(runbook, { imageTag: 'v1.2.3', appliedMigrations: V124 });
    expect(ok).toMatchObject({ ok: true, newer: ['AddMarketplaceNewFeature1705000000000'] });
    const refused = checkSchemaMatch(withBreaking('v1.2.4'), { imageTag: 'v1.2.3', appliedMigrations: V124 });
    expect(refused.ok).toBe(false);
    expect(refused.problem).toMatch(
      /newer than v1\.2\.3 expects \(AddMarketplaceNewFeature1705000000000\) and v1\.2\.4 is declared not backward compatible/,
    );
    expect(refused.hint).toMatch(/--revert-migrations 1/);
    // Two versions back: every version in between must be compatible.
    expect(checkSchemaMatch(withBreaking('v1.2.3'), { imageTag: 'v1.2.2', appliedMigrations: V124 }).ok).toBe(
      false,
    );
    expect(checkSchemaMatch(withBreaking('v1.2.2'), { imageTag: 'v1.2.2', appliedMigrations: V124 }).ok).toBe(
      true,
    );
  });

  it('refuses a migration no declared version accounts for', () => {
    const r = checkSchemaMatch(runbook, {
      imageTag: 'v1.2.4',
      appliedMigrations: [...V124, 'Hotfix1709999999999'],
    });
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(/Hotfix1709999999999 that no declared app version expects/);
  });

  it('says it cannot check a tag the runbook does not declare, without refusing', () => {
    const r = checkSchemaMatch(runbook, { imageTag: 'stable', appliedMigrations: [] });
    expect(r).toMatchObject({ ok: true, version: 'stable' });
    expect(r.hint).toMatch(/no schema expectation is declared for stable/);
  });
});

describe('assertSchemaMatch against PostgreSQL and the sim', () => {
  let sim: DbSim;
  const name = uniqueDb('match');
  beforeAll(async () => {
    sim = await startDbSim();
    await createMarketplace(name, 5);
    await changeMarketplace(name);
  }, 60_000);
  afterAll(async () => {
    await sim?.stop();
    await dropAll(name);
  });

  it('reads the running image and the applied migrations; refuses with exit 3 unless forced', async () => {
    const db = createDbAdapter(connectionFor(name));
    await sim.reset('v1.2.4');
    await expect(assertSchemaMatch(defaultRunbook(), db, sim.kube, undefined, false)).resolves.toMatchObject({
      ok: true,
      version: 'v1.2.4',
    });
    const runbook = withBreaking('v1.2.4');
    const err = await assertSchemaMatch(runbook, db, sim.kube, 'v1.2.3', false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunbookError);
    expect(err).toMatchObject({ code: 'E_SCHEMA_MISMATCH', exitCode: 3 });
    await expect(assertSchemaMatch(runbook, db, sim.kube, 'v1.2.3', true)).resolves.toMatchObject({
      ok: false,
    });
  });
});
