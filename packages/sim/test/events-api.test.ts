/** Events written by clients through core/v1 and events.k8s.io/v1, read back through both APIs and kubectl. */
import { CoreV1Api, EventsV1Api, KubeConfig, type V1Service, Watch } from '@kubernetes/client-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { clusterPerTest, eventLines, kubectlOk, until } from './helpers.ts';

const sim = clusterPerTest();
let kc: KubeConfig;
const ns = 'topsteel-marketplace';
const SERVICE = 'marketplace-api-service';

beforeEach(() => {
  kc = new KubeConfig();
  kc.loadFromFile(sim().kubeconfig);
});

describe('Events written by clients, in core/v1 and events.k8s.io/v1', () => {
  const reference = (svc: V1Service) => ({
    kind: 'Service',
    apiVersion: 'v1',
    namespace: ns,
    name: svc.metadata!.name!,
    uid: svc.metadata!.uid!,
  });

  it('an Event posted about a Service, through either API, shows in kubectl describe service and in both APIs', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const events = kc.makeApiClient(EventsV1Api);
    const svc = await core.readNamespacedService({ name: SERVICE, namespace: ns });
    const now = new Date();
    await core.createNamespacedEvent({
      namespace: ns,
      body: {
        metadata: { name: 'switch.1' },
        involvedObject: reference(svc),
        reason: 'TrafficSwitched',
        message: 'Selector set to version=blue by the runbook',
        type: 'Normal',
        source: { component: 'runbook' },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      },
    });
    await events.createNamespacedEvent({
      namespace: ns,
      body: {
        metadata: { name: 'switch.2' },
        eventTime: now,
        regarding: reference(svc),
        reason: 'RollbackVerified',
        note: 'Error rate back under threshold',
        type: 'Warning',
        action: 'Verify',
        reportingController: 'runbook',
        reportingInstance: 'runbook-cli',
      },
    });
    const describe = await kubectlOk(sim(), ['describe', 'service', SERVICE, '-n', ns]);
    const lines = eventLines(describe).join('\n');
    expect(lines).toMatch(
      /Normal\s+TrafficSwitched\s+\S+\s+runbook\s+Selector set to version=blue by the runbook/,
    );
    expect(lines).toMatch(/Warning\s+RollbackVerified\s+\S+\s+runbook\s+Error rate back under threshold/);

    const v1 = await events.listNamespacedEvent({
      namespace: ns,
      fieldSelector: `regarding.name=${SERVICE},regarding.kind=Service`,
    });
    const first = v1.items.find((e) => e.metadata?.name === 'switch.1');
    expect(first).toMatchObject({
      note: 'Selector set to version=blue by the runbook',
      regarding: { kind: 'Service', uid: svc.metadata!.uid },
      deprecatedSource: { component: 'runbook' },
      deprecatedCount: 1,
    });
    const second = await core.readNamespacedEvent({ name: 'switch.2', namespace: ns });
    expect(second).toMatchObject({
      message: 'Error rate back under threshold',
      involvedObject: { kind: 'Service', name: SERVICE },
      reportingComponent: 'runbook',
      reportingInstance: 'runbook-cli',
      action: 'Verify',
    });
    expect(v1.items.map((e) => e.metadata?.name).sort()).toEqual(['switch.1', 'switch.2']);
    // Times are stored in their wire formats, whatever precision the client sent.
    const times = await kubectlOk(sim(), [
      'get',
      'events',
      '-n',
      ns,
      '-o',
      'jsonpath={range .items[*]}{.firstTimestamp}{.eventTime} {end}',
    ]);
    expect(times.trim().split(' ')).toEqual([
      expect.stringMatching(/:\d\dZ$/),
      expect.stringMatching(/\.\d{6}Z$/),
    ]);
  });

  it('events.k8s.io/v1 refuses an Event without the fields its validation requires', async () => {
    const res = await fetch(`${sim().server}/apis/events.k8s.io/v1/namespaces/${ns}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'bare' }, note: 'no reason', type: 'Info' }),
    });
    expect(res.status).toBe(422);
    const status = (await res.json()) as { message: string };
    expect(status.message).toContain('Event.events.k8s.io "bare" is invalid: eventTime: Required value');
    expect(status.message).toContain('reportingController: Required value');
    expect(status.message).toContain(
      'type: Unsupported value: "Info": supported values: "Normal", "Warning"',
    );
  });

  it('an events.k8s.io/v1 watch sees an Event created through core/v1', async () => {
    const seen: Array<{ type: string; note?: string }> = [];
    const req = await new Watch(kc).watch(
      `/apis/events.k8s.io/v1/namespaces/${ns}/events`,
      { fieldSelector: 'reason=Probe' },
      (type, obj) => seen.push({ type, note: obj.note }),
      () => {},
    );
    try {
      await kc.makeApiClient(CoreV1Api).createNamespacedEvent({
        namespace: ns,
        body: {
          metadata: { name: 'probe.1' },
          involvedObject: { kind: 'Namespace', name: ns, apiVersion: 'v1' },
          reason: 'Probe',
          message: 'seen through both APIs',
          type: 'Normal',
        },
      });
      await until(() => seen.length > 0);
      expect(seen).toEqual([{ type: 'ADDED', note: 'seen through both APIs' }]);
    } finally {
      req.abort();
    }
  });
});
