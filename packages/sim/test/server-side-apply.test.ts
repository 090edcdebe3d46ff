/** Server-side apply with real kubectl: managed fields, pruning, conflicts with other managers, diff. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { clusterPerTest, kubectl, kubectlOk, kubectlYaml } from './helpers.ts';

const sim = clusterPerTest();

const dir = mkdtempSync(join(tmpdir(), 'sim-ssa-'));

/** Writes a manifest to a file and returns its path. */
function manifest(name: string, obj: unknown): string {
  const file = join(dir, `${name}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(obj));
  return file;
}

function deployment(replicas: number, image: string, extraLabels: Record<string, string> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ssa-demo', labels: { app: 'ssa-demo', ...extraLabels } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'ssa-demo' } },
      template: {
        metadata: { labels: { app: 'ssa-demo' } },
        spec: { containers: [{ name: 'api', image, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

function configMap(data: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa-config' }, data };
}

const stored = (kind: string, name: string) => sim().get(kind, sim().namespace, name);

describe('kubectl apply --server-side', () => {
  it('creates, then updates, a Deployment and a ConfigMap', async () => {
    const created = await kubectlOk(sim(), [
      'apply',
      '--server-side',
      '-f',
      manifest('d', deployment(2, 'nginx:1.27')),
    ]);
    expect(created).toContain('deployment.apps/ssa-demo serverside-applied');
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('c', configMap({ a: '1' }))]);
    expect(stored('deployment', 'ssa-demo')?.spec).toMatchObject({ replicas: 2 });
    expect(stored('configmap', 'ssa-config')?.data).toEqual({ a: '1' });

    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(2, 'nginx:1.28'))]);
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('c', configMap({ a: '2' }))]);
    expect(stored('deployment', 'ssa-demo')?.spec.template.spec.containers[0].image).toBe('nginx:1.28');
    expect(stored('configmap', 'ssa-config')?.data).toEqual({ a: '2' });
  });

  it('removes the fields a second apply no longer sends', async () => {
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('c', configMap({ a: '1', b: '2' }))]);
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('c', configMap({ a: '1' }))]);
    expect(stored('configmap', 'ssa-config')?.data).toEqual({ a: '1' });

    await kubectlOk(sim(), [
      'apply',
      '--server-side',
      '-f',
      manifest('d', deployment(2, 'nginx:1', { tier: 'web' })),
    ]);
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(2, 'nginx:1'))]);
    expect(stored('deployment', 'ssa-demo')?.metadata.labels).toEqual({ app: 'ssa-demo' });
  });

  it('keeps a field another manager also set when the applier drops it', async () => {
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('c', configMap({ a: '1', b: '2' }))]);
    await kubectlOk(sim(), ['patch', 'configmap', 'ssa-config', '-p', '{"data":{"b":"3"}}']);
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('c', configMap({ a: '1' }))]);
    expect(stored('configmap', 'ssa-config')?.data).toEqual({ a: '1', b: '3' });
  });

  it('refuses to change replicas set by kubectl scale, unless --force-conflicts', async () => {
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(2, 'nginx:1'))]);
    await kubectlOk(sim(), ['scale', 'deployment', 'ssa-demo', '--replicas=5']);
    const file = manifest('d', deployment(3, 'nginx:1'));
    const refused = await kubectl(sim(), ['apply', '--server-side', '-f', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
    expect(stored('deployment', 'ssa-demo')?.spec.replicas).toBe(5);

    await kubectlOk(sim(), ['apply', '--server-side', '--force-conflicts', '-f', file]);
    expect(stored('deployment', 'ssa-demo')?.spec.replicas).toBe(3);
    const managers = stored('deployment', 'ssa-demo')?.metadata.managedFields as Array<{
      subresource?: string;
    }>;
    expect(managers.some((m) => m.subresource === 'scale')).toBe(false);
  });

  it('answers a conflict with a 409 Status whose causes name the manager and field', async () => {
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(2, 'nginx:1'))]);
    await kubectlOk(sim(), ['set', 'image', 'deployment/ssa-demo', 'api=nginx:2']);
    const url = `${sim().server}/apis/apps/v1/namespaces/${sim().namespace}/deployments/ssa-demo?fieldManager=kubectl&force=false`;
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: JSON.stringify(deployment(2, 'nginx:3')),
    });
    expect(res.status).toBe(409);
    const status = (await res.json()) as { reason: string; message: string; details: { causes: unknown[] } };
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: .spec.template.spec.containers[name="api"].image',
    );
    expect(status.details.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-set" using apps/v1',
        field: '.spec.template.spec.containers[name="api"].image',
      },
    ]);
  });

  it('lists several conflicts by manager, as upstream words them', async () => {
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(2, 'nginx:1'))]);
    await kubectlOk(sim(), ['set', 'image', 'deployment/ssa-demo', 'api=nginx:2']);
    await kubectlOk(sim(), ['scale', 'deployment', 'ssa-demo', '--replicas=4']);
    const r = await kubectl(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(3, 'nginx:3'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      [
        'Apply failed with 2 conflicts: conflicts with "kubectl" with subresource "scale" using apps/v1:',
        '- .spec.replicas',
        'conflicts with "kubectl-set" using apps/v1:',
        '- .spec.template.spec.containers[name="api"].image',
      ].join('\n'),
    );
  });

  it('requires a fieldManager, as the API server does for apply patches', async () => {
    const res = await fetch(`${sim().server}/api/v1/namespaces/${sim().namespace}/configmaps/nameless`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: JSON.stringify(configMap({ a: '1' })),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  });

  it('takes over from client-side apply without conflicts, as kubectl migrates its fields', async () => {
    await kubectlOk(sim(), ['apply', '-f', manifest('d', deployment(2, 'nginx:1'))]);
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(4, 'nginx:1'))]);
    const d = stored('deployment', 'ssa-demo')!;
    expect(d.spec.replicas).toBe(4);
    const applied = d.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
    expect(JSON.parse(applied ?? '{}').spec.replicas).toBe(4);
  });
});

describe('kubectl diff --server-side', () => {
  it('shows the change and changes nothing', async () => {
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(2, 'nginx:1.27'))]);
    const before = stored('deployment', 'ssa-demo')!;
    const diff = await kubectl(sim(), [
      'diff',
      '--server-side',
      '-f',
      manifest('d', deployment(2, 'nginx:1.28')),
    ]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-\s+- image: nginx:1\.27$/m);
    expect(diff.stdout).toMatch(/^\+\s+- image: nginx:1\.28$/m);
    const after = stored('deployment', 'ssa-demo')!;
    expect(after.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    // The controllers keep writing status; the spec, generation and owners of fields stay as they were.
    expect(after.spec).toEqual(before.spec);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.managedFields).toEqual(before.metadata.managedFields);
  });
});

describe('managed fields', () => {
  it('are shown with --show-managed-fields and hidden by default', async () => {
    await kubectlOk(sim(), ['apply', '--server-side', '-f', manifest('d', deployment(2, 'nginx:1'))]);
    await kubectlOk(sim(), ['scale', 'deployment', 'ssa-demo', '--replicas=3']);
    const hidden = await kubectlYaml(sim(), ['get', 'deployment', 'ssa-demo']);
    expect(hidden.metadata.managedFields).toBeUndefined();
    const shown = await kubectlYaml(sim(), ['get', 'deployment', 'ssa-demo', '--show-managed-fields']);
    const [apply, scale] = shown.metadata.managedFields;
    expect(apply).toMatchObject({
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
    });
    expect(apply.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(apply.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']).toEqual({
      'k:{"name":"api"}': {
        '.': {},
        'f:image': {},
        'f:name': {},
        'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
      },
    });
    expect(apply.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(scale).toMatchObject({
      manager: 'kubectl',
      operation: 'Update',
      subresource: 'scale',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    });
  });

  it('are recorded for create, patch and replace, each manager owning what it changed', async () => {
    const plain = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' }, data: { a: '1' } };
    await kubectlOk(sim(), ['apply', '-f', manifest('p', plain)]);
    await kubectlOk(sim(), ['patch', 'configmap', 'plain', '-p', '{"data":{"b":"2"}}']);
    const live = await kubectlYaml(sim(), ['get', 'configmap', 'plain']);
    live.data.c = '3';
    await kubectlOk(sim(), ['replace', '-f', manifest('p', live)]);
    const entries = stored('configmap', 'plain')!.metadata.managedFields as Array<{
      manager: string;
      operation: string;
      fieldsV1: Record<string, unknown>;
    }>;
    expect(entries.map((m) => [m.manager, m.operation, m.fieldsV1['f:data']])).toEqual([
      ['kubectl-client-side-apply', 'Update', { '.': {}, 'f:a': {} }],
      ['kubectl-patch', 'Update', { 'f:b': {} }],
      ['kubectl-replace', 'Update', { 'f:c': {} }],
    ]);
  });
});
