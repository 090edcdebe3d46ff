import type { JournalRecord, Outcome } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { buildRecord, fromConfigMap, recordName, toConfigMap } from '../../src/incident-configmap.ts';
import { eventsFor, reasonOf, targetsOf } from '../../src/incident-events.ts';

const ID = '20261126-030000-emergency-ab12';
function rec(step: string, outcome: Outcome, inputs = {}, details = {}): JournalRecord {
  return { time: '2026-11-26T03:00:01.250Z', incident: ID, step, outcome, durationMs: 24, inputs, details };
}
const ctx = { namespace: 'shop', operator: 'ana@laptop/42' };

describe('the events of a journaled step', () => {
  it('name the step in the reason, Warning and Failed on failure', () => {
    expect(reasonOf(rec('emergency/switch/switch-traffic', 'ok'))).toBe('RunbookSwitchTraffic');
    expect(reasonOf(rec('verify', 'failed'))).toBe('RunbookVerifyFailed');
    // A procedure called twice in one connection is journaled `blue-green-2/…`; its steps keep their reason.
    expect(reasonOf(rec('blue-green-2/wait-endpoints', 'ok'))).toBe('RunbookWaitEndpoints');
    const [failed] = eventsFor(rec('verify', 'failed', {}, { error: 'health 500' }), ctx, 3);
    expect(failed).toMatchObject({ type: 'Warning', reason: 'RunbookVerifyFailed' });
    expect(failed!.message).toBe(`incident ${ID}, ana@laptop/42: verify failed in 24 ms: health 500`);
  });

  it('go on the Services a switch acted on, the Deployment an undo acted on, the Lease otherwise', () => {
    const sw = rec('blue-green/switch-traffic', 'ok', {
      to: 'blue',
      selectors: { 'api-svc': {}, 'web-svc': {} },
    });
    expect(targetsOf(sw).map((t) => `${t.kind}/${t.name}`)).toEqual(['Service/api-svc', 'Service/web-svc']);
    expect(targetsOf(rec('native/undo-api', 'ok', { deployment: 'api' })).map((t) => t.kind)).toEqual([
      'Deployment',
    ]);
    expect(targetsOf(rec('notify-start', 'ok'))).toEqual([
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: 'runbook-rollback' },
    ]);
    const events = eventsFor(sw, ctx, 7);
    expect(events.map((e) => e.metadata?.name)).toEqual([`runbook.${ID}.00007.0`, `runbook.${ID}.00007.1`]);
    expect(events[0]!.involvedObject).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      name: 'api-svc',
      namespace: 'shop',
    });
  });

  it('leave out a step start, and carry no input or detail but the error', () => {
    expect(eventsFor(rec('verify', 'started'), ctx, 1)).toEqual([]);
    const [e] = eventsFor(
      rec('notify/internal', 'ok', { token: 'S3CRET' }, { webhook: 'https://hooks/x' }),
      ctx,
      2,
    );
    expect(JSON.stringify(e)).not.toMatch(/S3CRET|hooks/);
  });
});

describe('the incident record ConfigMap', () => {
  const record = buildRecord(
    {
      incident: ID,
      command: 'emergency',
      cluster: null,
      operator: 'ana@laptop/42',
      records: [rec('run', 'started'), rec('verify', 'ok')],
    },
    new Date('2026-11-26T03:00:02Z'),
  );

  it('round-trips the record, named and labelled for listing', () => {
    const cm = toConfigMap(record, 'shop');
    expect(cm.metadata?.name).toBe(recordName(ID));
    expect(recordName('Mixed_Case.id')).toBe('runbook-incident-mixed-case.id');
    expect(cm.metadata?.labels?.['runbook.dev/incident-record']).toBe('true');
    expect(fromConfigMap(cm)).toEqual(record);
  });

  it('refuses a record edited into another shape with one line naming the field, exit 3', () => {
    const cm = toConfigMap(record, 'shop');
    const data = JSON.parse(cm.data!['incident.json']!);
    data.records[1].outcome = 'done';
    cm.data!['incident.json'] = JSON.stringify(data);
    let err: { message: string; exitCode: number; code: string } | undefined;
    try {
      fromConfigMap(cm);
    } catch (e) {
      err = e as typeof err;
    }
    expect(err?.code).toBe('E_INCIDENT_RECORD');
    expect(err?.exitCode).toBe(3);
    expect(err?.message).toMatch(
      new RegExp(`^configmap/${recordName(ID)}: records\\.1\\.outcome: .*not trusted$`),
    );
    expect(err?.message).not.toContain('\n');
    cm.data!['incident.json'] = '{';
    expect(() => fromConfigMap(cm)).toThrow(/is not JSON/);
  });
});
