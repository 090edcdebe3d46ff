import type { Runbook } from '../schemas/index.ts';

/** A migration the database has applied: a name, and the TypeORM timestamp when known. */
export interface AppliedMigration {
  name: string;
  timestamp?: number;
}

/** Whether an app version and a database schema can run together. */
export interface SchemaMatch {
  ok: boolean;
  /** One line: what does not match. */
  problem?: string;
  /** What to do, or why it is fine. */
  hint: string;
  /** The image tag the check was made for. */
  version: string;
  /** The last migration that version expects, when declared. */
  expected?: string;
  /** Applied migrations newer than `expected`, oldest first. */
  newer: string[];
}

/** `ghcr.io/x/api:v1.2.3` or `v1.2.3` → `v1.2.3`. */
export function tagOf(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.includes(':') ? last.slice(last.lastIndexOf(':') + 1) : last;
}

/** TypeORM migration names end with their 13-digit timestamp: `AddPaymentStatus1704000000000`. */
export function migrationTimestamp(m: string | AppliedMigration): number | null {
  if (typeof m !== 'string' && typeof m.timestamp === 'number') return m.timestamp;
  const name = typeof m === 'string' ? m : m.name;
  const digits = /(\d{13})$/.exec(name)?.[1];
  return digits ? Number(digits) : null;
}

/**
 * Compares what the image expects (meta.appVersions) with what the database has applied.
 * Refused: the database lacks the image's last migration; or it has newer migrations that no declared
 * version accounts for, or that come with a version declared not backward compatible.
 */
export function checkSchemaMatch(
  runbook: Runbook,
  input: { imageTag: string; appliedMigrations: ReadonlyArray<string | AppliedMigration> },
): SchemaMatch {
  const version = tagOf(input.imageTag);
  const applied = input.appliedMigrations.map((m) => (typeof m === 'string' ? { name: m } : m));
  const versions = runbook.meta.appVersions;
  const declared = versions.find((v) => v.version === version);
  if (!declared) {
    return {
      ok: true,
      version,
      newer: [],
      hint: `no schema expectation is declared for ${version}; add it to meta.appVersions to have it checked`,
    };
  }
  const expected = declared.lastMigration;
  const expectedRow = applied.find((m) => m.name === expected);
  const timeOf = (m: string | AppliedMigration) =>
    migrationTimestamp(typeof m === 'string' ? (applied.find((a) => a.name === m) ?? m) : m);
  const sorted = [...applied].sort((a, b) => (timeOf(a) ?? 0) - (timeOf(b) ?? 0));
  const latest = sorted.at(-1)?.name;
  if (!expectedRow) {
    const fits = versions.filter((v) => v.lastMigration === latest).map((v) => v.version);
    return {
      ok: false,
      version,
      expected,
      newer: [],
      problem: `${version} expects migration ${expected}, which the database does not have (its latest is ${latest ?? 'none'})`,
      hint: fits.length
        ? `run ${fits.join(' or ')} against this database, restore a backup that has ${expected}, or pass --force`
        : `restore a backup that has ${expected}, or pass --force`,
    };
  }
  const expectedTime = timeOf(expectedRow) ?? 0;
  const newer = sorted
    .filter((m) => (timeOf(m) ?? Number.POSITIVE_INFINITY) > expectedTime)
    .map((m) => m.name);
  if (newer.length === 0)
    return {
      ok: true,
      version,
      expected,
      newer,
      hint: `the database is at ${expected}, as ${version} expects`,
    };
  // Each newer migration belongs to the first later version whose last migration is not older than it.
  const later = versions
    .map((v) => ({ v, t: timeOf(v.lastMigration) }))
    .filter((x): x is { v: (typeof versions)[number]; t: number } => x.t !== null && x.t > expectedTime)
    .sort((a, b) => a.t - b.t);
  const unknown = newer.filter((name) => {
    const t = timeOf(name);
    return t === null || !later.some((x) => x.t >= t);
  });
  const revert = `revert them (db-rollback --revert-migrations ${newer.length}), deploy a version that knows them, or pass --force`;
  if (unknown.length > 0) {
    return {
      ok: false,
      version,
      expected,
      newer,
      problem: `the database has migration${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} that no declared app version expects (${version} stops at ${expected})`,
      hint: revert,
    };
  }
  const maxTime = Math.max(...newer.map((n) => timeOf(n) ?? 0));
  // Every version from the image's up to the one that brought the newest migration must stay compatible.
  const spanned = later.slice(0, later.findIndex((x) => x.t >= maxTime) + 1);
  const breaking = spanned.filter((x) => !x.v.backwardCompatible).map((x) => x.v.version);
  if (breaking.length > 0) {
    return {
      ok: false,
      version,
      expected,
      newer,
      problem: `the database has migrations newer than ${version} expects (${newer.join(', ')}) and ${breaking.join(', ')} ${breaking.length > 1 ? 'are' : 'is'} declared not backward compatible`,
      hint: revert,
    };
  }
  return {
    ok: true,
    version,
    expected,
    newer,
    hint: `the database is ahead of ${version} (${newer.join(', ')}), declared backward compatible by ${spanned.map((x) => x.v.version).join(', ')}`,
  };
}
