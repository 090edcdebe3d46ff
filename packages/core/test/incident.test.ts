import { describe, expect, it } from 'vitest';
import {
  builtinPlan,
  compactRecords,
  defaultRunbook,
  essentialRecords,
  incidentRecordSchema,
  incidentStatus,
  type JournalRecord,
  type Outcome,
  parseRunbook,
} from '../src/index.ts';

const runbook = defaultRunbook();
const T0 = Date.parse('2026-11-26T03:00:00Z');

function rec(step: string, outcome: Outcome, atS: number, durationMs = 0, details = {}): JournalRecord {
  return {
    time: new Date(T0 + atS * 1000).toISOString(),
    incident: '20261126-030000-emergency-ab12',
    step,
    outcome,
    durationMs,
    inputs: step === 'run' ? { command: 'emergency' } : {},
    details,
  };
}

const journal: JournalRecord[] = [
  rec('run', 'started', 0),
  rec('notify-start', 'started', 0),
  rec('notify-start', 'ok', 1, 1000),
  rec('switch', 'started', 2),
  rec('switch', 'failed', 5, 3000),
  rec('run', 'failed', 5, 5000),
  rec('run', 'started', 60),
  rec('notify-start', 'skipped', 60),
  rec('switch', 'started', 61),
  rec('switch', 'ok', 62, 1000, { selectors: { version: 'green' } }),
];

describe('essentialRecords', () => {
  it("keeps the run's first line and, per step, its last ok record and its last record", () => {
    const kept = essentialRecords(journal);
    expect(kept.map((r) => `${r.step}:${r.outcome}`)).toEqual([
      'run:started',
      'notify-start:ok',
      'run:started',
      'notify-start:skipped',
      'switch:ok',
    ]);
    expect(kept[0]).toBe(journal[0]);
  });
});

describe('compactRecords', () => {
  it('leaves a small journal whole but for superseded records, and counts them', () => {
    const { records, superseded, dropped } = compactRecords(journal);
    expect(records).toHaveLength(5);
    expect(superseded).toBe(journal.length - 5);
    expect(dropped).toBe(0);
  });

  it('cuts long strings before it drops records, then drops the oldest but never the first line', () => {
    const big = 'x'.repeat(10_000);
    const long = [
      rec('run', 'started', 0),
      ...Array.from({ length: 20 }, (_, i) => rec(`s${i}`, 'ok', i + 1, 5, { log: big })),
    ];
    const cut = compactRecords(long, 60_000);
    expect(cut.dropped).toBe(0);
    expect(String(cut.records[1]!.details.log)).toMatch(/^x{2048}… \(7952 characters left out\)$/);
    expect(Buffer.byteLength(JSON.stringify(cut.records))).toBeLessThanOrEqual(60_000);

    const tight = compactRecords(long, 10_000);
    expect(tight.records[0]).toEqual(long[0]);
    expect(tight.records.at(-1)!.step).toBe('s19');
    expect(tight.dropped).toBe(long.length - tight.records.length - tight.superseded);
    expect(tight.dropped).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(tight.records))).toBeLessThanOrEqual(10_000);
  });
});

describe('incidentStatus', () => {
  it('reads each step once in the order it started, with the outcome of its last record', () => {
    const s = incidentStatus(runbook, journal, T0 + 70_000);
    expect(s.command).toBe('emergency');
    expect(s.state).toBe('running');
    expect(s.steps.map((x) => [x.step, x.outcome, x.durationMs])).toEqual([
      ['notify-start', 'skipped', 0],
      ['switch', 'ok', 1000],
    ]);
    expect(s.steps[1]!.startedAt).toBe(new Date(T0 + 61_000).toISOString());
    expect(s.elapsedMs).toBe(70_000);
  });

  it('gives a step under way the time spent so far', () => {
    const s = incidentStatus(runbook, journal.slice(0, 4), T0 + 9_000);
    expect(s.steps.at(-1)).toMatchObject({ step: 'switch', outcome: 'started', durationMs: 7_000 });
  });

  it('says who to call by the ladder and when the next level starts, counted from the first record', () => {
    const levels = [...runbook.escalation].sort((a, b) => a.fromMinutes - b.fromMinutes);
    const second = levels[1]!;
    const at = T0 + (second.fromMinutes * 60 + 30) * 1000;
    const s = incidentStatus(runbook, journal, at);
    expect(s.escalation.level).toBe(second);
    const next = levels[2];
    expect(s.nextLevelInMs).toBe(
      next ? next.fromMinutes * 60_000 - (second.fromMinutes * 60_000 + 30_000) : null,
    );
  });

  it('stops the clock and the ladder once the run ended', () => {
    const ended = [...journal, rec('run', 'ok', 63, 3000)];
    const s = incidentStatus(runbook, ended, T0 + 3_600_000);
    expect(s.state).toBe('ok');
    expect(s.elapsedMs).toBe(63_000);
    expect(s.nextLevelInMs).toBeNull();
  });
});

describe('incidentRecordSchema', () => {
  const valid = {
    format: 'runbook.incident/v1',
    incident: journal[0]!.incident,
    command: 'emergency',
    cluster: null,
    operator: 'ana@laptop/123',
    handovers: [],
    startedAt: journal[0]!.time,
    updatedAt: journal.at(-1)!.time,
    records: journal,
    dropped: 0,
  };

  it('accepts a record as the library writes it', () => {
    expect(incidentRecordSchema.safeParse(valid).success).toBe(true);
  });

  it('refuses one edited into another shape, naming the field', () => {
    const edited = { ...valid, records: [{ ...journal[0], outcome: 'done' }] };
    const r = incidentRecordSchema.safeParse(edited);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['records', 0, 'outcome']);
    expect(incidentRecordSchema.safeParse({ ...valid, format: 'runbook.incident/v2' }).success).toBe(false);
  });
});

describe('environments with several clusters', () => {
  const withEnv = (env: Record<string, unknown>) => {
    const plan = structuredClone(builtinPlan) as unknown as {
      meta: { environments: Record<string, unknown> };
    };
    plan.meta.environments.regions = { ...(plan.meta.environments.sim as object), simulated: false, ...env };
    return parseRunbook(plan);
  };

  it('parse when they name their clusters once', () => {
    const r = withEnv({ kubeContext: null, clusters: ['eu-west', 'us-east'] });
    expect(r.errors).toEqual([]);
    expect(r.runbook?.meta.environments.regions?.clusters).toEqual(['eu-west', 'us-east']);
  });

  it('are refused with kubeContext as well, or a cluster twice, each problem with its path', () => {
    const r = withEnv({ kubeContext: 'eu-west', clusters: ['eu-west', 'us-east', 'eu-west'] });
    const mine = r.errors.filter((p) => p.rule === 'environment-clusters');
    expect(mine.map((p) => p.path)).toEqual([
      'meta.environments.regions.clusters',
      'meta.environments.regions.clusters',
    ]);
    expect(mine.map((p) => p.message).join('\n')).toMatch(
      /kubeContext or clusters, not both[\s\S]*"eu-west" is listed twice/,
    );
  });
});
