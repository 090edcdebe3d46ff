/** Events: recorded by the simulated controllers, scheduler and kubelet, read with kubectl and client-node. */
import {
  BatchV1Api,
  CoreV1Api,
  EventsV1Api,
  KubeConfig,
  type V1Service,
  Watch,
} from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventRetention } from '../src/event-retention.ts';
import type { SimCluster } from '../src/index.ts';
import { resolveResource } from '../src/resources.ts';
import { Store } from '../src/store.ts';
import { fastCluster, kubectl, kubectlOk, until } from './helpers.ts';

let sim: SimCluster;
let kc: KubeConfig;
const ns = 'topsteel-marketplace';
const DEPLOYMENT = 'marketplace-api';
const SERVICE = 'marketplace-api-service';

beforeEach(async () => {
  sim = await fastCluster();
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfig);
});
afterEach(async () => {
  await sim.stop();
});

/** The lines of a `kubectl describe` output's Events: section. */
function eventLines(describe: string): string[] {
  const at = describe.indexOf('\nEvents:');
  return at < 0 ? [] : describe.slice(at).split('\n').slice(1);
}

const podsOf = (deployment: string) =>
  sim
    .list('pods', ns)
    .filter((p) => p.metadata.name?.startsWith(`${deployment}-`) && !p.metadata.name.includes('-blue-'));

describe('Events of the controllers, the scheduler and the kubelet', () => {
  it('describe deploy shows ScalingReplicaSet after rollout undo, and kubectl events --for lists them', async () => {
    await kubectlOk(sim, ['rollout', 'undo', `deployment/${DEPLOYMENT}`, '-n', ns]);
    const scaledDown =
      /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled down replica set marketplace-api-\w+ to 0 from [1-3]/;
    let describe = '';
    await until(async () => {
      describe = await kubectlOk(sim, ['describe', 'deploy', DEPLOYMENT, '-n', ns]);
      return eventLines(describe).some((l) => scaledDown.test(l));
    });
    const lines = eventLines(describe);
    // A rolling update (25 % surge of 3): the new set grows from 0 one pod at a time.
    expect(lines.some((l) => /Scaled up replica set marketplace-api-\w+ to 1 from 0/.test(l))).toBe(true);

    const forDeploy = await kubectlOk(sim, ['events', '--for', `deploy/${DEPLOYMENT}`, '-n', ns]);
    expect(forDeploy.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(forDeploy).toMatch(/ScalingReplicaSet\s+Deployment\/marketplace-api\s+Scaled down replica set/);
    // Only the deployment's own events: not those of the blue deployment nor of its pods.
    expect(forDeploy).not.toMatch(/marketplace-api-blue|SuccessfulCreate/);
  });

  it('after rollout undo, kubectl get events lists the pods created, scheduled, pulled, created and started', async () => {
    // The initial world stands for a cluster older than the Events' TTL: none are left of its making.
    const none = await kubectl(sim, ['get', 'events', '-n', ns]);
    expect(none.stderr).toContain(`No resources found in ${ns} namespace.`);
    const before = new Set(podsOf(DEPLOYMENT).map((p) => p.metadata.name));
    await kubectlOk(sim, ['rollout', 'undo', `deployment/${DEPLOYMENT}`, '-n', ns]);
    await until(() => podsOf(DEPLOYMENT).some((p) => !before.has(p.metadata.name)));
    const pod = podsOf(DEPLOYMENT).find((p) => !before.has(p.metadata.name))!.metadata.name!;
    let out = '';
    await until(async () => {
      out = await kubectlOk(sim, ['get', 'events', '-n', ns]);
      return out.includes(`pod/${pod} `) && out.includes('Started container');
    });
    expect(out.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    const rs = pod.replace(/-\w+$/, '');
    expect(out).toMatch(new RegExp(`SuccessfulCreate\\s+replicaset/${rs}\\s+Created pod: ${pod}`));
    expect(out).toMatch(
      new RegExp(`Scheduled\\s+pod/${pod}\\s+Successfully assigned ${ns}/${pod} to sim-node-1`),
    );
    expect(out).toMatch(
      new RegExp(`Pulled\\s+pod/${pod}\\s+Container image "\\S+" already present on machine`),
    );
    expect(out).toMatch(new RegExp(`Created\\s+pod/${pod}\\s+Created container: api`));
    expect(out).toMatch(new RegExp(`Started\\s+pod/${pod}\\s+Started container api`));

    const wide = await kubectlOk(sim, [
      'get',
      'events',
      '-n',
      ns,
      '-o',
      'wide',
      '--field-selector',
      `involvedObject.name=${pod},reason=Started`,
    ]);
    expect(wide.split('\n')[0]).toMatch(/SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME/);
    expect(wide).toMatch(/spec\.containers\{api\}\s+kubelet, sim-node-1\s+Started container api/);
    expect(wide.trim().split('\n')).toHaveLength(2);
  });

  it('deleting a pod records Killing on it; only a ReplicaSet scaling down records SuccessfulDelete', async () => {
    const pod = podsOf(DEPLOYMENT)[0]!.metadata.name!;
    await kubectlOk(sim, ['delete', 'pod', pod, '-n', ns]);
    const killing = [
      'get',
      'events',
      '-n',
      ns,
      '--field-selector',
      `involvedObject.name=${pod},reason=Killing`,
    ];
    await until(async () => (await kubectlOk(sim, killing)).includes('Stopping container api'));
    const rs = pod.replace(/-\w+$/, '');
    const rsEvents = ['get', 'events', '-n', ns, '--field-selector', `involvedObject.name=${rs}`];
    await until(
      async () =>
        (await kubectlOk(sim, rsEvents)).split('\n').filter((l) => l.includes('SuccessfulCreate')).length ===
        1,
    );
    expect(await kubectlOk(sim, rsEvents)).not.toContain('SuccessfulDelete');

    await kubectlOk(sim, ['scale', 'deploy', DEPLOYMENT, '--replicas=1', '-n', ns]);
    await until(
      async () =>
        (await kubectlOk(sim, rsEvents)).split('\n').filter((l) => l.includes('SuccessfulDelete')).length ===
        2,
    );
    const describe = await kubectlOk(sim, ['describe', 'rs', rs, '-n', ns]);
    expect(
      eventLines(describe).some((l) =>
        /Normal\s+SuccessfulDelete\s+\S+\s+replicaset-controller\s+Deleted pod: /.test(l),
      ),
    ).toBe(true);
  });

  it('a pod of a not-ready version shows one Unhealthy Warning whose count grows with each failed probe', async () => {
    sim.setFault('green', { notReady: true });
    const pod = podsOf(DEPLOYMENT)[0]!.metadata.name!;
    const events = kc.makeApiClient(CoreV1Api);
    const unhealthy = async () =>
      (
        await events.listNamespacedEvent({
          namespace: ns,
          fieldSelector: `involvedObject.name=${pod},reason=Unhealthy`,
        })
      ).items;
    // The fixture's probe runs every 5 s: the second failure folds into the first event.
    await until(async () => ((await unhealthy())[0]?.count ?? 0) >= 2, 15_000);
    const [event] = await unhealthy();
    expect(await unhealthy()).toHaveLength(1);
    expect(event).toMatchObject({
      type: 'Warning',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      involvedObject: { kind: 'Pod', name: pod, fieldPath: 'spec.containers{api}' },
      source: { component: 'kubelet', host: 'sim-node-1' },
    });
    const describe = await kubectlOk(sim, ['describe', 'pod', pod, '-n', ns]);
    expect(eventLines(describe).join('\n')).toMatch(
      /Warning\s+Unhealthy\s+\S+ \(x\d+ over \S+\)\s+kubelet\s+Readiness probe failed: HTTP probe failed with statuscode: 503/,
    );
  }, 20_000);

  it('pods that start in a not-ready version have their failed probes recorded too', async () => {
    await sim.stop();
    sim = await fastCluster({ faults: { green: { notReady: true } } });
    const pod = podsOf(DEPLOYMENT)[0]!.metadata.name!;
    const describe = ['describe', 'pod', pod, '-n', ns];
    await until(async () => (await kubectlOk(sim, describe)).includes('Readiness probe failed'));
  });

  it('a Job records SuccessfulCreate and Completed', async () => {
    const batch = kc.makeApiClient(BatchV1Api);
    await batch.createNamespacedJob({
      namespace: ns,
      body: {
        metadata: { name: 'migrate' },
        spec: {
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'busybox:1.36' }] },
          },
        },
      },
    });
    let describe = '';
    await until(async () => {
      describe = await kubectlOk(sim, ['describe', 'job', 'migrate', '-n', ns]);
      return describe.includes('Job completed');
    });
    const lines = eventLines(describe).join('\n');
    expect(lines).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: migrate-\w+/);
    expect(lines).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
  });
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
    const describe = await kubectlOk(sim, ['describe', 'service', SERVICE, '-n', ns]);
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
    const times = await kubectlOk(sim, [
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
    const res = await fetch(`${sim.server}/apis/events.k8s.io/v1/namespaces/${ns}/events`, {
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

describe('field selectors', () => {
  it('rejects the labels a kind does not support with the API server message, and filters on the others', async () => {
    const pod = sim.list('pods', ns)[0]!.metadata.name!;
    await kubectlOk(sim, ['delete', 'pod', pod, '-n', ns]);
    const bad = await kubectl(sim, ['get', 'pods', '--field-selector', 'foo=bar', '-n', ns]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Error from server (BadRequest)');
    expect(bad.stderr).toContain('field label not supported: foo');
    const deploy = await kubectl(sim, ['get', 'deploy', '--field-selector', 'status.replicas=3', '-n', ns]);
    expect(deploy.stderr).toContain(
      '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    const v1 = await kubectl(sim, [
      'get',
      'events.events.k8s.io',
      '--field-selector',
      'involvedObject.name=x',
      '-n',
      ns,
    ]);
    expect(v1.stderr).toContain('field label not supported: involvedObject.name');

    const running = await kubectlOk(sim, [
      'get',
      'pods',
      '-n',
      ns,
      '-o',
      'name',
      '--field-selector',
      'status.phase=Running,spec.nodeName=sim-node-1,spec.hostNetwork=false',
    ]);
    expect(running.trim().split('\n')).toHaveLength(10);
    expect(
      await kubectlOk(sim, ['get', 'rs', '-n', ns, '-o', 'name', '--field-selector', 'status.replicas=0']),
    ).toContain('replicaset.apps/marketplace-api-');
    expect(
      await kubectlOk(sim, ['get', 'ns', '-o', 'name', '--field-selector', 'status.phase=Active']),
    ).toContain(`namespace/${ns}`);
    const scheduled = [
      'get',
      'events',
      '-n',
      ns,
      '-o',
      'name',
      '--field-selector',
      'source=default-scheduler',
    ];
    await until(async () => (await kubectlOk(sim, scheduled)).trim().split('\n').length === 1);
    const kubelet = [...scheduled.slice(0, -1), 'source=kubelet,type=Normal,reason!=Killing'];
    expect((await kubectlOk(sim, kubelet)).trim().split('\n')).toHaveLength(3);
  });
});

describe('Event retention', () => {
  it('keeps at most its cap, dropping the least recently written, and expires Events an hour after their last write', async () => {
    const store = new Store();
    const events = resolveResource('events');
    store.create(resolveResource('namespaces'), { metadata: { name: 'ns' } });
    const retention = new EventRetention(store, 60 * 60 * 1000, 3);
    const add = (name: string) =>
      store.create(events, { metadata: { name, namespace: 'ns' }, reason: 'Test' });
    for (const name of ['a', 'b', 'c']) add(name);
    store.update(events, { ...store.get(events, 'ns', 'a')!, count: 2 });
    add('d');
    // The oldest goes once the store has told every watcher of the newest.
    await Promise.resolve();
    expect(store.list(events, 'ns').map((e) => e.metadata.name)).toEqual(['a', 'c', 'd']);
    retention.expire(Date.now() + 60 * 60 * 1000);
    expect(store.list(events, 'ns')).toEqual([]);
    retention.stop();
  });
});
