/** Faults of simulated versions: parsing `--fault` specs and looking up what applies to a pod. */
import type { FaultSpec, WorldApp } from './types.ts';

const EXPECTED =
  'expected VERSION:FAULT with FAULT one of error-rate=<0..1>, p95=<duration such as 3s or 250ms>, down, not-ready (e.g. green:error-rate=0.2)';

/** `3s`, `250ms`, `1.5s`, `2m` → milliseconds; NaN when not a duration. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

/** Parses `green:error-rate=0.2`, `green:p95=3s`, `green:down`, `blue:not-ready`. */
export function parseFaultSpec(spec: string): { version: string; fault: FaultSpec } {
  const m = /^([A-Za-z0-9][\w.-]*):([a-z0-9-]+)(?:=(.+))?$/.exec(spec.trim());
  if (!m) throw new Error(`invalid fault "${spec}": ${EXPECTED}`);
  const [, version, name, value] = m as unknown as [string, string, string, string | undefined];
  switch (name) {
    case 'error-rate': {
      const rate = Number(value);
      if (value === undefined || !Number.isFinite(rate) || rate < 0 || rate > 1) {
        throw new Error(
          `invalid fault "${spec}": error-rate expects a fraction between 0 and 1, such as error-rate=0.2`,
        );
      }
      return { version, fault: { errorRate: rate } };
    }
    case 'p95': {
      const ms = value === undefined ? Number.NaN : parseDuration(value);
      if (!Number.isFinite(ms) || ms <= 0) {
        throw new Error(
          `invalid fault "${spec}": p95 expects a positive duration such as p95=3s or p95=250ms`,
        );
      }
      return { version, fault: { p95Ms: ms } };
    }
    case 'down':
    case 'not-ready':
      if (value !== undefined) throw new Error(`invalid fault "${spec}": ${name} takes no value`);
      return { version, fault: name === 'down' ? { down: true } : { notReady: true } };
    default:
      throw new Error(`invalid fault "${spec}": unknown fault "${name}"; ${EXPECTED}`);
  }
}

/**
 * The versions a fault can name in a world: its colours and the image tags it runs. A fault on any other
 * name (`gren:down`) would silently never apply.
 */
export function faultVersions(world: readonly WorldApp[]): { colors: string[]; tags: string[] } {
  const tags = new Set(world.flatMap((app) => [...app.greenHistory, app.blueTag]));
  return { colors: ['blue', 'green'], tags: [...tags].sort() };
}

/** Throws unless `version` is one of `faultVersions(world)`. */
export function checkFaultVersion(version: string, spec: string, world: readonly WorldApp[]): void {
  const { colors, tags } = faultVersions(world);
  if (colors.includes(version) || tags.includes(version)) return;
  throw new Error(
    `unknown version "${version}" in "${spec}"; expected ${colors.join(', ')} or an image tag (${tags.join(', ')})`,
  );
}

/** Faults by version key; a pod is affected by the fault of its `version` label and of its image tag. */
export class FaultTable {
  private readonly faults = new Map<string, FaultSpec>();

  constructor(initial?: Record<string, FaultSpec>) {
    for (const [k, v] of Object.entries(initial ?? {})) this.faults.set(k, { ...v });
  }

  set(version: string, fault: FaultSpec | null): void {
    if (fault) this.faults.set(version, { ...fault });
    else this.faults.delete(version);
  }

  lookup(color: string, tag: string): FaultSpec {
    return { ...this.faults.get(tag), ...this.faults.get(color) };
  }
}

export function isFaulty(f: FaultSpec): boolean {
  return !!(f.down || f.notReady || (f.errorRate ?? 0) > 0 || f.p95Ms);
}
