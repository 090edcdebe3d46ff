/** Real kubectl 1.32 against the sim: each case checks the state a real cluster would be left in. */
import { describe, expect, it } from 'vitest';
import { clusterPerTest, kubectl, kubectlOk, kubectlYaml } from './helpers.ts';

const sim = clusterPerTest();

const image = (name: string) =>
  sim().get('deployment', sim().namespace, name)?.spec.template.spec.containers[0].image;

async function health(service: string): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${sim().services[service]}/health`);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('kubectl get', () => {
  it('lists deployments, pods and endpoints as YAML', async () => {
    const deployments = await kubectlYaml(sim(), ['get', 'deployments']);
    expect(deployments.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual([
      'marketplace-api',
      'marketplace-api-blue',
      'marketplace-web',
      'marketplace-web-blue',
    ]);
    const api = deployments.items[0];
    expect(api.spec.template.spec.containers[0]).toMatchObject({
      name: 'api',
      image: 'ghcr.io/topsteel/marketplace-api:v1.2.4',
    });
    expect(api.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      updatedReplicas: 3,
    });
    expect(api.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');

    const pods = await kubectlYaml(sim(), ['get', 'pods', '-l', 'app=marketplace-api,version=green']);
    expect(pods.items).toHaveLength(3);
    for (const p of pods.items) {
      expect(p.status.phase).toBe('Running');
      expect(p.status.containerStatuses[0].imageID).toMatch(
        /^ghcr\.io\/topsteel\/marketplace-api@sha256:[0-9a-f]{64}$/,
      );
      expect(p.metadata.ownerReferences[0]).toMatchObject({ kind: 'ReplicaSet', controller: true });
    }

    const ep = await kubectlYaml(sim(), ['get', 'endpoints', 'marketplace-api-service']);
    const ips = ep.subsets[0].addresses.map((a: { ip: string }) => a.ip).sort();
    expect(ips).toEqual(pods.items.map((p: { status: { podIP: string } }) => p.status.podIP).sort());
    expect(ep.subsets[0].ports[0].port).toBe(3000);
  });

  it('prints the usual table columns', async () => {
    const out = await kubectlOk(sim(), ['get', 'deployments']);
    const [header, ...rows] = out.trim().split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(
      rows
        .find((r) => r.startsWith('marketplace-api '))!
        .split(/\s+/)
        .slice(0, 4),
    ).toEqual(['marketplace-api', '3/3', '3', '3']);
    const pods = await kubectlOk(sim(), ['get', 'pods']);
    expect(pods.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods).toMatch(/marketplace-web-\w+-\w{5}\s+1\/1\s+Running\s+0/);
  });

  it('gets all as YAML: services, pods, deployments and replicasets', async () => {
    const all = await kubectlYaml(sim(), ['get', 'all']);
    const kinds = new Set(all.items.map((i: { kind: string }) => i.kind));
    expect(kinds).toEqual(new Set(['Service', 'Pod', 'Deployment', 'ReplicaSet']));
    // Three green revisions plus blue for each of the two apps.
    expect(all.items.filter((i: { kind: string }) => i.kind === 'ReplicaSet')).toHaveLength(8);
  });

  it('describes a service with its endpoints', async () => {
    const out = await kubectlOk(sim(), ['describe', 'service', 'marketplace-api-service']);
    expect(out).toMatch(/Selector:\s+app=marketplace-api,version=green/);
    expect(out).toMatch(/Endpoints:\s+10\.244\.\d+\.\d+:3000,10\.244\.\d+\.\d+:3000,10\.244\.\d+\.\d+:3000/);
  });
});

describe('kubectl changes', () => {
  it('patches the service selector, and the service URL is then answered by blue', async () => {
    expect((await health('marketplace-api-service')).body.color).toBe('green');
    const out = await kubectlOk(sim(), [
      'patch',
      'service',
      'marketplace-api-service',
      '-p',
      '{"spec":{"selector":{"version":"blue"}}}',
    ]);
    expect(out).toContain('service/marketplace-api-service patched');
    expect(sim().get('service', sim().namespace, 'marketplace-api-service')?.spec.selector).toEqual({
      app: 'marketplace-api',
      version: 'blue',
    });
    const h = await health('marketplace-api-service');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', color: 'blue', version: 'v1.2.3' });
    const again = await kubectlOk(sim(), [
      'patch',
      'service',
      'marketplace-api-service',
      '-p',
      '{"spec":{"selector":{"version":"blue"}}}',
    ]);
    expect(again).toContain('(no change)');
  });

  it('rolls back with rollout undo, reusing the old ReplicaSet as revision 4', async () => {
    await kubectlOk(sim(), ['rollout', 'undo', 'deployment/marketplace-api']);
    const status = await kubectlOk(sim(), [
      'rollout',
      'status',
      'deployment/marketplace-api',
      '--timeout=20s',
    ]);
    expect(status).toContain('successfully rolled out');
    expect(image('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.3');
    const rs = sim()
      .list('replicaset', sim().namespace)
      .filter((r) => r.metadata.labels?.app === 'marketplace-api' && r.metadata.labels.version === 'green');
    expect(rs).toHaveLength(3);
    const active = rs.filter((r) => r.spec.replicas > 0);
    expect(active).toHaveLength(1);
    expect(active[0]!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    // As on a real cluster, the replaced pods may still be Terminating when the rollout is reported done.
    const pods = sim()
      .list('pod', sim().namespace)
      .filter((p) => p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'green')
      .filter((p) => !p.metadata.deletionTimestamp);
    expect(pods.map((p) => p.spec.containers[0].image)).toEqual(
      Array(3).fill('ghcr.io/topsteel/marketplace-api:v1.2.3'),
    );
    const history = await kubectlOk(sim(), ['rollout', 'history', 'deployment/marketplace-api']);
    expect(
      history
        .trim()
        .split('\n')
        .slice(2)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['1', '3', '4']);
  });

  it('rolls back to a given revision', async () => {
    await kubectlOk(sim(), ['rollout', 'undo', 'deployment/marketplace-api', '--to-revision=1']);
    await kubectlOk(sim(), ['rollout', 'status', 'deployment/marketplace-api', '--timeout=20s']);
    expect(image('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.2');
  });

  it('sets an image and waits for the rollout', async () => {
    await kubectlOk(sim(), [
      'set',
      'image',
      'deployment/marketplace-api',
      'api=ghcr.io/topsteel/marketplace-api:v1.2.3',
    ]);
    const d = sim().get('deployment', sim().namespace, 'marketplace-api')!;
    expect(d.metadata.generation).toBe(2);
    const status = await kubectlOk(sim(), [
      'rollout',
      'status',
      'deployment/marketplace-api',
      '--timeout=20s',
    ]);
    expect(status).toContain('successfully rolled out');
    const after = sim().get('deployment', sim().namespace, 'marketplace-api')!;
    expect(after.status).toMatchObject({
      observedGeneration: 2,
      updatedReplicas: 3,
      availableReplicas: 3,
      replicas: 3,
    });
    expect(after.status.conditions.find((c: { type: string }) => c.type === 'Progressing').reason).toBe(
      'NewReplicaSetAvailable',
    );
  });

  it('scales to zero and back', async () => {
    await kubectlOk(sim(), ['scale', 'deployment/marketplace-api', '--replicas=0']);
    await kubectlOk(sim(), ['rollout', 'status', 'deployment/marketplace-api', '--timeout=20s']);
    // Pods still Terminating are no longer the Deployment's: a real `kubectl get pods` shows them a while too.
    const green = () =>
      sim()
        .list('pod', sim().namespace)
        .filter((p) => p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'green')
        .filter((p) => !p.metadata.deletionTimestamp);
    expect(green()).toHaveLength(0);
    expect((await fetch(`${sim().services['marketplace-api-service']}/health`)).status).toBe(503);
    await kubectlOk(sim(), ['scale', 'deployment/marketplace-api', '--replicas=3']);
    await kubectlOk(sim(), ['rollout', 'status', 'deployment/marketplace-api', '--timeout=20s']);
    expect(green()).toHaveLength(3);
    expect((await health('marketplace-api-service')).body.color).toBe('green');
  });

  it('shows logs by label', async () => {
    await fetch(`${sim().services['marketplace-api-service']}/api/products`);
    const out = await kubectlOk(sim(), ['logs', '-l', 'app=marketplace-api', '--tail=100']);
    expect(out).toMatch(
      /INFO\s+GET \/api\/products 200 \d+ms app=marketplace-api version=v1\.2\.4 color=green/,
    );
    expect(out).toContain('color=blue');
  });

  it('reports a missing object as the server does', async () => {
    const r = await kubectl(sim(), ['get', 'deployment', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error from server (NotFound): deployments.apps "nope" not found');
  });
});
