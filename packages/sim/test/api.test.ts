/** API server behaviour beyond CRUD: watches, selectors, tables, cascading deletes. */
import { describe, expect, it } from 'vitest';
import { TEST_NAMESPACE } from './_world.ts';
import { clusterPerTest, kubectlOk, until } from './helpers.ts';

const sim = clusterPerTest();
const ns = TEST_NAMESPACE;

interface WatchEvent {
  type: string;
  object: { metadata: { name: string; resourceVersion: string }; code?: number };
}

/** Reads watch events until the server closes the stream or `stop` says enough. */
async function watchEvents(
  url: string,
  stop: (events: WatchEvent[]) => boolean = () => false,
): Promise<WatchEvent[]> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const events: WatchEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      events.push(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
    if (stop(events)) {
      await reader.cancel();
      break;
    }
  }
  return events;
}

const api = (path: string) => `${sim().server}${path}`;

describe('watch', () => {
  it('sends the current objects, then changes, and closes after timeoutSeconds', async () => {
    const started = Date.now();
    const pending = watchEvents(
      api(`/apis/apps/v1/namespaces/${ns}/deployments?watch=true&timeoutSeconds=1`),
    );
    await new Promise((r) => setTimeout(r, 100));
    await kubectlOk(sim(), ['scale', 'deployment/marketplace-web-blue', '--replicas=1']);
    const events = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(events.slice(0, 4).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED marketplace-api',
      'ADDED marketplace-api-blue',
      'ADDED marketplace-web',
      'ADDED marketplace-web-blue',
    ]);
    expect(
      events
        .slice(4)
        .every((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'marketplace-web-blue'),
    ).toBe(true);
    expect(events.length).toBeGreaterThan(4);
  });

  it('resumes after a resourceVersion, and a selector turns leaving objects into DELETED', async () => {
    const list = (await (await fetch(api(`/api/v1/namespaces/${ns}/services`))).json()) as {
      metadata: { resourceVersion: string };
    };
    const rv = list.metadata.resourceVersion;
    await kubectlOk(sim(), ['label', 'service', 'marketplace-web-service', 'tier=front']);
    await kubectlOk(sim(), ['label', 'service', 'marketplace-web-service', 'tier-']);
    const events = await watchEvents(
      api(
        `/api/v1/namespaces/${ns}/services?watch=1&timeoutSeconds=3&resourceVersion=${rv}&labelSelector=tier%3Dfront`,
      ),
      (e) => e.length >= 2,
    );
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });
});

describe('selectors and lists', () => {
  it('supports =, !=, in, notin, exists and field selectors', async () => {
    const names = async (q: string) => {
      const body = (await (await fetch(api(`/apis/apps/v1/namespaces/${ns}/deployments?${q}`))).json()) as {
        items: Array<{ metadata: { name: string } }>;
      };
      return body.items.map((i) => i.metadata.name);
    };
    expect(await names(`labelSelector=${encodeURIComponent('app==marketplace-api,version!=green')}`)).toEqual(
      ['marketplace-api-blue'],
    );
    expect(
      await names(`labelSelector=${encodeURIComponent('version in (blue),app notin (marketplace-api)')}`),
    ).toEqual(['marketplace-web-blue']);
    expect(await names(`labelSelector=${encodeURIComponent('!version')}`)).toEqual([]);
    expect(await names('fieldSelector=metadata.name%3Dmarketplace-web')).toEqual(['marketplace-web']);
    const page = (await (await fetch(api(`/apis/apps/v1/deployments?limit=3`))).json()) as {
      items: unknown[];
      metadata: { continue: string };
    };
    expect(page.items).toHaveLength(3);
    const rest = (await (
      await fetch(api(`/apis/apps/v1/deployments?limit=3&continue=${page.metadata.continue}`))
    ).json()) as { items: unknown[] };
    expect(rest.items).toHaveLength(1);
  });

  it('prints endpoints and replicasets tables', async () => {
    const ep = await kubectlOk(sim(), ['get', 'endpoints']);
    expect(ep.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'ENDPOINTS', 'AGE']);
    expect(ep).toMatch(
      /marketplace-api-service\s+10\.244\.\d+\.\d+:3000,10\.244\.\d+\.\d+:3000,10\.244\.\d+\.\d+:3000\s/,
    );
    const rs = await kubectlOk(sim(), ['get', 'rs', '-l', 'app=marketplace-web']);
    expect(rs.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    const svc = await kubectlOk(sim(), ['get', 'svc']);
    expect(svc.split('\n')[0]!.split(/\s{2,}/)).toEqual([
      'NAME',
      'TYPE',
      'CLUSTER-IP',
      'EXTERNAL-IP',
      'PORT(S)',
      'AGE',
    ]);
  });

  it('keeps EndpointSlices in step with Endpoints', async () => {
    await kubectlOk(sim(), [
      'patch',
      'service',
      'marketplace-web-service',
      '-p',
      '{"spec":{"selector":{"version":"blue"}}}',
    ]);
    const slices = sim()
      .list('endpointslice', ns)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'marketplace-web-service');
    expect(slices).toHaveLength(1);
    const blue = sim()
      .list('pod', ns)
      .filter((p) => p.metadata.labels?.app === 'marketplace-web' && p.metadata.labels.version === 'blue');
    const endpoints = slices[0]!.endpoints as Array<{ addresses: string[]; conditions: { ready: boolean } }>;
    expect(endpoints.map((e) => e.addresses[0]).sort()).toEqual(blue.map((p) => p.status.podIP).sort());
    expect(endpoints.every((e) => e.conditions.ready)).toBe(true);
  });
});

describe('deletes', () => {
  it('deleting a deployment removes its replicasets and pods', async () => {
    await kubectlOk(sim(), ['delete', 'deployment', 'marketplace-api']);
    await until(() =>
      sim()
        .list('pod', ns)
        .every(
          (p) => !(p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'green'),
        ),
    );
    expect(
      sim()
        .list('replicaset', ns)
        .filter((r) => r.metadata.name?.startsWith('marketplace-api-') && !r.metadata.name.includes('blue')),
    ).toEqual([]);
    const ep = sim().get('endpoints', ns, 'marketplace-api-service')!;
    expect(ep.subsets).toBeUndefined();
    expect((await fetch(`${sim().services['marketplace-api-service']}/health`)).status).toBe(503);
  });

  it('a deleted pod is replaced by its replicaset', async () => {
    const [pod] = sim()
      .list('pod', ns)
      .filter((p) => p.metadata.labels?.app === 'marketplace-web' && p.metadata.labels.version === 'green');
    await kubectlOk(sim(), ['delete', 'pod', pod!.metadata.name!]);
    await until(() => sim().get('deployment', ns, 'marketplace-web')!.status.readyReplicas === 2);
    const names = sim()
      .list('pod', ns)
      .map((p) => p.metadata.name);
    expect(names).not.toContain(pod!.metadata.name);
  });
});
