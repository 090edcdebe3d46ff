/** fieldValidation=Strict|Warn|Ignore with real kubectl and @kubernetes/client-node: unknown and duplicate fields. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  Observable,
  type RequestContext,
  type ResponseContext,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { clusterPerTest, kubectl, kubectlOk } from './helpers.ts';

const sim = clusterPerTest();

const dir = mkdtempSync(join(tmpdir(), 'sim-fields-'));

function manifest(obj: unknown): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(obj));
  return file;
}

function deployment(name: string, spec: Record<string, unknown>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name }, annotations: { 'any.example/key': 'maps are not checked' } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'api', image: 'nginx:1' }] },
      },
      ...spec,
    },
  };
}

const stored = (name: string) => sim().get('deployment', sim().namespace, name);

describe('kubectl and field validation', () => {
  it('rejects an unknown field with the strict decoding error (kubectl apply defaults to Strict)', async () => {
    const r = await kubectl(sim(), ['apply', '-f', manifest(deployment('typo', { replicass: 3 }))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"',
    );
    expect(stored('typo')).toBeUndefined();
  });

  it('reports nested unknown fields by their path, and patches of existing objects too', async () => {
    await kubectlOk(sim(), ['apply', '-f', manifest(deployment('nested', {}))]);
    const bad = deployment('nested', {});
    (bad.spec.template.spec.containers[0] as Record<string, unknown>).imagee = 'x';
    const r = await kubectl(sim(), ['apply', '-f', manifest(bad)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagee"',
    );
  });

  it('with --validate=warn prints the warning and stores the object without the field', async () => {
    const r = await kubectl(sim(), [
      'apply',
      '--validate=warn',
      '-f',
      manifest(deployment('warned', { replicass: 3 })),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: unknown field "spec.replicass"');
    expect(stored('warned')?.spec).not.toHaveProperty('replicass');
    expect(stored('warned')?.metadata.annotations?.['any.example/key']).toBe('maps are not checked');
  });

  it('with --validate=false says nothing and stores the object without the field', async () => {
    const r = await kubectl(sim(), [
      'apply',
      '--validate=false',
      '-f',
      manifest(deployment('quiet', { replicass: 3 })),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('unknown field');
    expect(stored('quiet')?.spec).not.toHaveProperty('replicass');
  });

  it('server-side apply refuses an undeclared field whatever the validation', async () => {
    const r = await kubectl(sim(), [
      'apply',
      '--server-side',
      '-f',
      manifest(deployment('ssa', { replicass: 3 })),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `failed to create typed patch object (${sim().namespace}/ssa; apps/v1, Kind=Deployment): .spec.replicass: field not declared in schema`,
    );
  });
});

describe('client-node and field validation', () => {
  let core: CoreV1Api;
  let apps: AppsV1Api;
  beforeEach(() => {
    const kc = new KubeConfig();
    kc.loadFromFile(sim().kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
  });

  /** client-node serializes only declared fields: the raw body goes in through a middleware, as a hand-written client would send it. */
  const rawBody = (text: string) => ({
    middleware: [
      {
        pre: (ctx: RequestContext) => {
          ctx.setBody(text);
          return new Observable(Promise.resolve(ctx));
        },
        post: (res: ResponseContext) => new Observable(Promise.resolve(res)),
      },
    ],
    middlewareMergeStrategy: 'append' as const,
  });

  it('gets 400 and the strict decoding error for an unknown field with fieldValidation=Strict', async () => {
    const body: V1ConfigMap = { metadata: { name: 'strict' }, data: { a: '1' } };
    const text = JSON.stringify({ ...body, apiVersion: 'v1', kind: 'ConfigMap', spec: { foo: 1 } });
    const err = (await core
      .createNamespacedConfigMap(
        { namespace: sim().namespace, body, fieldValidation: 'Strict' },
        rawBody(text),
      )
      .catch((e: unknown) => e)) as ApiException<string>;
    expect(err.code).toBe(400);
    expect(JSON.parse(err.body).message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"',
    );
  });

  it('reports duplicate fields in document order among the unknown ones', async () => {
    const name = 'dupes';
    const text = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"${name}","name":"${name}"},"spec":{"paused":true,"unknown1":1,"paused":false,"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"api","image":"nginx:1","imagee":"x"}]}}}}`;
    const err = (await apps
      .createNamespacedDeployment(
        { namespace: sim().namespace, body: deployment(name, {}) as never, fieldValidation: 'Strict' },
        rawBody(text),
      )
      .catch((e: unknown) => e)) as ApiException<string>;
    expect(err.code).toBe(400);
    expect(JSON.parse(err.body).message).toContain(
      'strict decoding error: duplicate field "metadata.name", unknown field "spec.unknown1", duplicate field "spec.paused", unknown field "spec.template.spec.containers[0].imagee"',
    );
  });

  it('by default (Warn) stores the object without the field and says so in a Warning header', async () => {
    const res = await fetch(`${sim().server}/api/v1/namespaces/${sim().namespace}/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'warned', foo: 1 },
        data: { a: '1' },
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBe('299 - "unknown field \\"metadata.foo\\""');
    const cm = await core.readNamespacedConfigMap({ namespace: sim().namespace, name: 'warned' });
    expect(cm.data).toEqual({ a: '1' });
    expect(sim().get('configmap', sim().namespace, 'warned')?.metadata).not.toHaveProperty('foo');
  });
});
