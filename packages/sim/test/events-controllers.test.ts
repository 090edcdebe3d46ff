/** Events recorded by the simulated controllers, scheduler and kubelet, read with kubectl and client-node. */
import { BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SimCluster } from '../src/index.ts';
import { clusterPerTest, eventLines, fastCluster, kubectl, kubectlOk, until } from './helpers.ts';

const sim = clusterPerTest();
let kc: KubeConfig;
const ns = 'topsteel-marketplace';
const DEPLOYMENT = 'marketplace-api';

beforeEach(() => {
  kc = new KubeConfig();
  kc.loadFromFile(sim().kubeconfig);
});

const podsOf = (cluster: SimCluster, deployment: string) =>
  cluster
    .list('pods', ns)
    .filter((p) => p.metadata.name?.startsWith(`${deployment}-`) && !p.metadata.name.includes('-blue-'));

describe('Events of the controllers, the scheduler and the kubelet', () => {
  it('describe deploy shows ScalingReplicaSet after rollout undo, and kubectl events --for lists them', async () => {
    await kubectlOk(sim(), ['rollout', 'undo', `deployment/${DEPLOYMENT}`, '-n', ns]);
    const scaledDown =
      /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled down replica set marketplace-api-\w+ to 0 from [1-3]/;
    let describe = '';
    await until(async () => {
      describe = await kubectlOk(sim(), ['describe', 'deploy', DEPLOYMENT, '-n', ns]);
      return eventLines(describe).some((l) => scaledDown.test(l));
    });
    const lines = eventLines(describe);
    // A rolling update (25 % surge of 3): the new set grows from 0 one pod at a time.
    expect(lines.some((l) => /Scaled up replica set marketplace-api-\w+ to 1 from 0/.test(l))).toBe(true);

    const forDeploy = await kubectlOk(sim(), ['events', '--for', `deploy/${DEPLOYMENT}`, '-n', ns]);
    expect(forDeploy.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(forDeploy).toMatch(/ScalingReplicaSet\s+Deployment\/marketplace-api\s+Scaled down replica set/);
    // Only the deployment's own events: not those of the blue deployment nor of its pods.
    expect(forDeploy).not.toMatch(/marketplace-api-blue|SuccessfulCreate/);
  });

  it('after rollout undo, kubectl get events lists the pods created, scheduled, pulled, created and started', async () => {
    // The initial world stands for a cluster older than the Events' TTL: none are left of its making.
    const none = await kubectl(sim(), ['get', 'events', '-n', ns]);
    expect(none.stderr).toContain(`No resources found in ${ns} namespace.`);
    const before = new Set(podsOf(sim(), DEPLOYMENT).map((p) => p.metadata.name));
    await kubectlOk(sim(), ['rollout', 'undo', `deployment/${DEPLOYMENT}`, '-n', ns]);
    await until(() => podsOf(sim(), DEPLOYMENT).some((p) => !before.has(p.metadata.name)));
    const pod = podsOf(sim(), DEPLOYMENT).find((p) => !before.has(p.metadata.name))!.metadata.name!;
    let out = '';
    await until(async () => {
      out = await kubectlOk(sim(), ['get', 'events', '-n', ns]);
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

    const wide = await kubectlOk(sim(), [
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
    const pod = podsOf(sim(), DEPLOYMENT)[0]!.metadata.name!;
    await kubectlOk(sim(), ['delete', 'pod', pod, '-n', ns]);
    const killing = [
      'get',
      'events',
      '-n',
      ns,
      '--field-selector',
      `involvedObject.name=${pod},reason=Killing`,
    ];
    await until(async () => (await kubectlOk(sim(), killing)).includes('Stopping container api'));
    const rs = pod.replace(/-\w+$/, '');
    const rsEvents = ['get', 'events', '-n', ns, '--field-selector', `involvedObject.name=${rs}`];
    await until(
      async () =>
        (await kubectlOk(sim(), rsEvents)).split('\n').filter((l) => l.includes('SuccessfulCreate'))
          .length === 1,
    );
    expect(await kubectlOk(sim(), rsEvents)).not.toContain('SuccessfulDelete');

    await kubectlOk(sim(), ['scale', 'deploy', DEPLOYMENT, '--replicas=1', '-n', ns]);
    await until(
      async () =>
        (await kubectlOk(sim(), rsEvents)).split('\n').filter((l) => l.includes('SuccessfulDelete'))
          .length === 2,
    );
    const describe = await kubectlOk(sim(), ['describe', 'rs', rs, '-n', ns]);
    expect(
      eventLines(describe).some((l) =>
        /Normal\s+SuccessfulDelete\s+\S+\s+replicaset-controller\s+Deleted pod: /.test(l),
      ),
    ).toBe(true);
  });

  it('a pod of a not-ready version shows one Unhealthy Warning whose count grows with each failed probe', async () => {
    sim().setFault('green', { notReady: true });
    const pod = podsOf(sim(), DEPLOYMENT)[0]!.metadata.name!;
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
    const describe = await kubectlOk(sim(), ['describe', 'pod', pod, '-n', ns]);
    expect(eventLines(describe).join('\n')).toMatch(
      /Warning\s+Unhealthy\s+\S+ \(x\d+ over \S+\)\s+kubelet\s+Readiness probe failed: HTTP probe failed with statuscode: 503/,
    );
  }, 20_000);

  it('pods that start in a not-ready version have their failed probes recorded too', async () => {
    // A cluster of its own: the fault must hold from the start, before the first probe.
    const notReady = await fastCluster({ faults: { green: { notReady: true } } });
    try {
      const pod = podsOf(notReady, DEPLOYMENT)[0]!.metadata.name!;
      const describe = ['describe', 'pod', pod, '-n', ns];
      await until(async () => (await kubectlOk(notReady, describe)).includes('Readiness probe failed'));
    } finally {
      await notReady.stop();
    }
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
      describe = await kubectlOk(sim(), ['describe', 'job', 'migrate', '-n', ns]);
      return describe.includes('Job completed');
    });
    const lines = eventLines(describe).join('\n');
    expect(lines).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: migrate-\w+/);
    expect(lines).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
  });
});
