import { createHash } from 'node:crypto';
import type { Runbook } from '../schemas/index.ts';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** A short hash of the runbook's content, printed on paper so a reader can tell a stale copy. */
export function contentHash(runbook: Runbook): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(runbook)))
    .digest('hex')
    .slice(0, 12);
}
