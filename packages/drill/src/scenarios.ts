import type { Runbook } from '@runbook/core';

export const SCENARIOS = [
  'emergency',
  'native',
  'version',
  'database',
  'blue-not-ready',
  'multi-cluster',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The release a drill deploys as the bad one, for the scenarios that roll back a deployment. */
export const BAD_TAG = 'v1.2.5';

export interface ScenarioSpec {
  /** One line for `--help` and the drill's header. */
  summary: string;
  /** The procedure of the plan the drill rehearses. */
  procedure: string;
  /** Faults the simulated cluster starts with (`blue:not-ready`). */
  startFaults: Record<string, { errorRate?: number; notReady?: boolean }>;
  /** What breaks once the cluster runs. */
  breaks: 'green-errors' | 'bad-image' | 'none';
  /** The exit code the drill ends with when the tool behaves as it must. */
  expectedExit: number;
}

export const SCENARIO_SPECS: Record<Scenario, ScenarioSpec> = {
  emergency: {
    summary: 'green serves 20% errors; decide trips; emergency switches traffic to blue',
    procedure: 'emergency',
    startFaults: {},
    breaks: 'green-errors',
    expectedExit: 0,
  },
  native: {
    summary: `a bad image (${BAD_TAG}) is rolled out; decide trips; rollout undo brings the previous revision back`,
    procedure: 'native',
    startFaults: {},
    breaks: 'bad-image',
    expectedExit: 0,
  },
  version: {
    summary: `a bad image (${BAD_TAG}) is rolled out; decide trips; the stable version is pinned`,
    procedure: 'version',
    startFaults: {},
    breaks: 'bad-image',
    expectedExit: 0,
  },
  database: {
    summary: 'a bad migration is reverted on a real PostgreSQL (DATABASE_URL); skipped without one',
    procedure: 'migration-rollback',
    startFaults: {},
    breaks: 'none',
    expectedExit: 0,
  },
  'blue-not-ready': {
    summary: 'green fails but blue is not ready: the tool must refuse the switch and say what to do instead',
    procedure: 'emergency',
    startFaults: { blue: { notReady: true } },
    breaks: 'green-errors',
    expectedExit: 3,
  },
  'multi-cluster': {
    summary:
      'three regions, blue never Ready in one: one blue-green rollback on all at once; two switch, the third refuses, the table says which',
    procedure: 'blue-green',
    startFaults: {},
    breaks: 'none',
    expectedExit: 3,
  },
};

/**
 * The drill's copy of the runbook: every window shortened to `windowMs` so that a breach that must last
 * 5 minutes is shown in seconds. The drill says so; the real runbook is never changed.
 */
export function drillRunbook(runbook: Runbook, windowSeconds: number): Runbook {
  const copy = structuredClone(runbook);
  for (const c of copy.criteria) {
    if (c.kind === 'metric' && c.window) c.window = `${windowSeconds}s`;
  }
  return copy;
}

/** What the drill says of its copy: the windows it shortened, and theirs in the runbook; null when none. */
export function shortenedNote(runbook: Runbook, windowSeconds: number): string | null {
  const windows = runbook.criteria.flatMap((c) =>
    c.kind === 'metric' && c.window ? [`${c.id} ${c.window}`] : [],
  );
  if (!windows.length) return null;
  return `drill copy of the runbook: windows shortened to ${windowSeconds} s (unchanged in the real runbook: ${windows.join(', ')})`;
}
