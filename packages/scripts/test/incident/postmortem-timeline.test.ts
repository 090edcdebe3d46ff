/** The post-mortem of an incident run on several clusters: their journals as one timeline, in time order. */
import type { JournalRecord, Outcome } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import {
  clusterSummary,
  type IncidentJournal,
  mergeTimeline,
  orderClusters,
  spanOf,
  timelineOf,
  versionsOf,
} from '../../src/procedures/postmortem-timeline.ts';

const T0 = Date.parse('2026-11-30T14:05:00.000Z');
const rec = (
  atMs: number,
  step: string,
  outcome: Outcome,
  extra: Partial<Pick<JournalRecord, 'durationMs' | 'details'>> = {},
): JournalRecord => ({
  time: new Date(T0 + atMs).toISOString(),
  incident: 'i-1',
  step,
  outcome,
  durationMs: extra.durationMs ?? 0,
  inputs: step === 'run' ? { command: 'rollback blue-green' } : {},
  details: extra.details ?? {},
});
const local = (atMs: number) => new Date(T0 + atMs).toTimeString().slice(0, 8);

const euWest: IncidentJournal = {
  cluster: 'eu-west',
  records: [
    rec(0, 'run', 'started'),
    rec(3000, 'switch', 'started'),
    rec(3120, 'switch', 'ok', {
      durationMs: 120,
      details: { previous: { image: 'api:v1.2.4' }, image: 'api:v1.2.3' },
    }),
    rec(4000, 'run', 'ok', { durationMs: 4000 }),
  ],
};
const apSouth: IncidentJournal = {
  cluster: 'ap-south',
  records: [
    rec(500, 'run', 'started'),
    rec(1000, 'switch', 'failed', { durationMs: 30, details: { error: 'blue is not ready' } }),
    rec(2000, 'run', 'failed', { durationMs: 1500, details: { error: 'refusing', exitCode: 3 } }),
  ],
};
const usEast: IncidentJournal = {
  cluster: 'us-east',
  records: [rec(200, 'run', 'started'), rec(6000, 'switch', 'ok', { durationMs: 80 })],
};

describe('the merged timeline of several clusters', () => {
  it('orders the finished steps of every journal by time, each naming its cluster', () => {
    const lines = timelineOf(mergeTimeline([euWest, apSouth, usEast])).split('\n');
    expect(lines).toEqual([
      `- ${local(1000)} - [ap-south] switch failed (30 ms): blue is not ready`,
      `- ${local(2000)} - [ap-south] run failed (1.5 s): refusing`,
      `- ${local(3120)} - [eu-west] switch ok (120 ms)`,
      `- ${local(4000)} - [eu-west] run ok (4.0 s)`,
      `- ${local(6000)} - [us-east] switch ok (80 ms)`,
    ]);
  });

  it('keeps records of the same instant in journal order, the same every time', () => {
    const a: IncidentJournal = { cluster: 'a', records: [rec(10, 'x', 'ok'), rec(10, 'y', 'ok')] };
    const b: IncidentJournal = { cluster: 'b', records: [rec(10, 'z', 'ok')] };
    const order = (js: IncidentJournal[]) => mergeTimeline(js).map((e) => `${e.cluster}:${e.record.step}`);
    expect(order([a, b])).toEqual(['a:x', 'a:y', 'b:z']);
    expect(order([b, a])).toEqual(['b:z', 'a:x', 'a:y']);
  });

  it('writes a single journal (no cluster) exactly as before: no label', () => {
    const single: IncidentJournal = { cluster: null, records: euWest.records };
    expect(timelineOf(mergeTimeline([single])).split('\n')[0]).toBe(`- ${local(3120)} - switch ok (120 ms)`);
    expect(clusterSummary([single])).toBeNull();
  });

  it('spans from the first record of any cluster to the last of any', () => {
    expect(spanOf([euWest, apSouth, usEast])).toEqual({ first: euWest.records[0]!.time, ms: 6000 });
    expect(spanOf([apSouth])).toEqual({ first: apSouth.records[0]!.time, ms: 1500 });
    expect(spanOf([])).toBeNull();
  });

  it("summarises how each cluster's run ended: ok, what its exit code means, or unfinished", () => {
    expect(clusterSummary([euWest, apSouth, usEast])).toBe(
      'eu-west ok, ap-south refused, us-east unfinished',
    );
  });

  it('finds the versions in any cluster', () => {
    expect(versionsOf([...apSouth.records, ...euWest.records])).toBe('v1.2.4 → v1.2.3');
  });

  it("orders the clusters as the runbook's environment lists them, else by name", () => {
    const envs = [{ clusters: null }, { clusters: ['eu-west', 'us-east', 'ap-south'] }];
    expect(orderClusters(['ap-south', 'eu-west', 'us-east'], envs)).toEqual([
      'eu-west',
      'us-east',
      'ap-south',
    ]);
    expect(orderClusters(['us-east', 'mars'], envs)).toEqual(['mars', 'us-east']);
  });
});
