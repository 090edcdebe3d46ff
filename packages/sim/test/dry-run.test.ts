/** `?dryRun=All`: the server validates and admits a write, answers as if it were done, and stores nothing. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_NAMESPACE } from './_world.ts';
import { clusterPerTest, kubectlYaml } from './helpers.ts';

const sim = clusterPerTest();
const ns = TEST_NAMESPACE;

const send = (method: string, path: string, body: unknown, contentType = 'application/json') =>
  fetch(`${sim().server}${path}`, {
    method,
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });

describe('dryRun=All', () => {
  it('a merge patch of a service answers the patched object and changes nothing', async () => {
    const path = `/api/v1/namespaces/${ns}/services/marketplace-api-service?dryRun=All`;
    const res = await send(
      'PATCH',
      path,
      { spec: { selector: { version: 'blue' } } },
      'application/merge-patch+json',
    );
    expect(res.status).toBe(200);
    expect((await res.json()).spec.selector.version).toBe('blue');
    expect(sim().get('service', ns, 'marketplace-api-service')?.spec?.selector?.version).toBe('green');
  });

  it('a scale patch and a create answer as if done and store nothing', async () => {
    const scale = await send(
      'PATCH',
      `/apis/apps/v1/namespaces/${ns}/deployments/marketplace-api/scale?dryRun=All`,
      { spec: { replicas: 0 } },
      'application/merge-patch+json',
    );
    expect(scale.status).toBe(200);
    expect(sim().get('deployment', ns, 'marketplace-api')?.spec?.replicas).toBeGreaterThan(0);
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'revert-1' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'x:1' }] } } },
    };
    const created = await send('POST', `/apis/batch/v1/namespaces/${ns}/jobs?dryRun=All`, job);
    expect(created.status).toBeLessThan(300);
    expect(sim().get('job', ns, 'revert-1')).toBeFalsy();
    // The same request without dryRun does create it: the lookup above can see a job.
    expect((await send('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, job)).status).toBeLessThan(300);
    expect(sim().get('job', ns, 'revert-1')).toBeTruthy();
  });

  it('still refuses what it would refuse for real: a missing object, a renamed one', async () => {
    const missing = await send(
      'PATCH',
      `/api/v1/namespaces/${ns}/services/no-such-service?dryRun=All`,
      { spec: {} },
      'application/merge-patch+json',
    );
    expect(missing.status).toBe(404);
    const renamed = await send(
      'PATCH',
      `/api/v1/namespaces/${ns}/services/marketplace-api-service?dryRun=All`,
      { metadata: { name: 'other' } },
      'application/merge-patch+json',
    );
    expect(renamed.status).toBeGreaterThanOrEqual(400);
    expect(sim().get('service', ns, 'other')).toBeFalsy();
  });
});

describe('kubectl --dry-run=server', () => {
  it('a create answers uid, creationTimestamp and generation 1, and stores nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-dry-run-')), 'deploy.yaml');
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'dry' },
        spec: {
          selector: { matchLabels: { app: 'dry' } },
          template: {
            metadata: { labels: { app: 'dry' } },
            spec: { containers: [{ name: 'c', image: 'x:1' }] },
          },
        },
      }),
    );
    const out = await kubectlYaml(sim(), ['create', '-f', file, '--dry-run=server']);
    expect(out.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(out.metadata.creationTimestamp)).not.toBeNaN();
    expect(out.metadata.generation).toBe(1);
    expect(out.metadata.resourceVersion).toBeUndefined();
    expect(sim().get('deployment', ns, 'dry')).toBeFalsy();
  });

  it('an update that changes the spec bumps generation; one that does not, does not', async () => {
    const before = sim().get('deployment', ns, 'marketplace-api')!;
    const image = 'ghcr.io/topsteel/marketplace-api:v9';
    const set = await kubectlYaml(sim(), [
      'set',
      'image',
      'deploy/marketplace-api',
      `api=${image}`,
      '--dry-run=server',
    ]);
    expect(set.metadata.generation).toBe(before.metadata.generation! + 1);
    expect(set.metadata.uid).toBe(before.metadata.uid);
    const labelled = await kubectlYaml(sim(), ['label', 'deploy/marketplace-api', 'x=y', '--dry-run=server']);
    expect(labelled.metadata.generation).toBe(before.metadata.generation);
    expect(labelled.metadata.labels.x).toBe('y');
    const after = sim().get('deployment', ns, 'marketplace-api')!;
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});
