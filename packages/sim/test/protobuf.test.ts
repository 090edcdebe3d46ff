/** kubectl's typed `create` commands send protobuf bodies: the sim decodes them as a real API server does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCluster } from '../src/index.ts';
import { decodeProtobuf } from '../src/protobuf.ts';
import { fastCluster, kubectl, kubectlOk } from './helpers.ts';

let sim: SimCluster;
const ns = 'protobuf-test';
beforeAll(async () => {
  sim = await fastCluster();
  await kubectlOk(sim, ['create', 'namespace', ns]);
});
afterAll(async () => {
  await sim.stop();
});

async function getJson(args: string[]): Promise<any> {
  return JSON.parse(await kubectlOk(sim, ['get', ...args, '-o', 'json']));
}

describe('kubectl create (protobuf bodies)', () => {
  it('creates a deployment from protobuf, with the defaults a real server fills', async () => {
    const r = await kubectl(sim, [
      '-n',
      ns,
      'create',
      'deployment',
      'x',
      '--image=nginx',
      '--replicas=2',
      '--port=80',
      '-v=8',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Content-Type: application/vnd.kubernetes.protobuf');
    // It also asks for protobuf answers, JSON second: a JSON answer is one it accepts.
    expect(r.stderr).toContain('Accept: application/vnd.kubernetes.protobuf,application/json');
    const d = await getJson(['-n', ns, 'deployment', 'x']);
    expect(d.metadata.labels).toEqual({ app: 'x' });
    expect(d.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(d.spec).toMatchObject({
      replicas: 2,
      selector: { matchLabels: { app: 'x' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'x' });
    expect(d.spec.template.spec.containers).toEqual([
      expect.objectContaining({
        name: 'nginx',
        image: 'nginx',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
      }),
    ]);
    // Go's omitempty: the false/zero fields protobuf carries are not in the JSON.
    expect(d.spec.template.spec.containers[0]).not.toHaveProperty('stdin');
    expect(d.spec.template.spec).not.toHaveProperty('hostNetwork');
  });

  it('creates a configmap with text and binary data', async () => {
    await kubectlOk(sim, [
      '-n',
      ns,
      'create',
      'configmap',
      'cm',
      '--from-literal=a=b',
      '--from-literal=empty=',
      '--from-literal=unicode=é✓',
    ]);
    const cm = await getJson(['-n', ns, 'configmap', 'cm']);
    expect(cm).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: ns },
    });
    expect(cm.data).toEqual({ a: 'b', empty: '', unicode: 'é✓' });
  });

  it('creates a generic secret, its data base64 as in JSON', async () => {
    await kubectlOk(sim, ['-n', ns, 'create', 'secret', 'generic', 's', '--from-literal=password=hunter2']);
    const s = await getJson(['-n', ns, 'secret', 's']);
    expect(s.type).toBe('Opaque');
    expect(Buffer.from(s.data.password, 'base64').toString()).toBe('hunter2');
  });

  it('creates a job with its command', async () => {
    await kubectlOk(sim, ['-n', ns, 'create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi']);
    const j = await getJson(['-n', ns, 'job', 'j']);
    expect(j.spec.template.spec).toMatchObject({
      restartPolicy: 'Never',
      containers: [expect.objectContaining({ name: 'j', image: 'busybox', command: ['echo', 'hi'] })],
    });
  });

  it('creates a namespace', async () => {
    await kubectlOk(sim, ['create', 'namespace', 'made-by-protobuf']);
    const n = await getJson(['namespace', 'made-by-protobuf']);
    expect(n.status).toEqual({ phase: 'Active' });
    expect(n.spec).toEqual({ finalizers: ['kubernetes'] });
  });

  it('creates a ClusterIP service whose targetPort is an IntOrString', async () => {
    await kubectlOk(sim, [
      '-n',
      ns,
      'create',
      'service',
      'clusterip',
      'svc',
      '--tcp=80:8080',
      '--tcp=443:https',
    ]);
    const svc = await getJson(['-n', ns, 'service', 'svc']);
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.selector).toEqual({ app: 'svc' });
    expect(svc.spec.ports).toEqual([
      { name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 },
      { name: '443-https', port: 443, protocol: 'TCP', targetPort: 'https' },
    ]);
  });
});

/** An unsigned varint; negative numbers as the 10-byte two's complement protobuf uses for int64. */
function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    bytes.push(v ? b | 0x80 : b);
  } while (v);
  return Buffer.from(bytes);
}

/** A length-delimited protobuf field. */
function field(num: number, bytes: Buffer | string): Buffer {
  const b = Buffer.from(bytes);
  return Buffer.concat([varint((num << 3) | 2), varint(b.length), b]);
}

const varintField = (num: number, value: number | bigint): Buffer =>
  Buffer.concat([varint(num << 3), varint(value)]);

describe('protobuf of a type without a schema', () => {
  it('is refused with 415 UnsupportedMediaType, as a real server refuses protobuf for a CRD', async () => {
    const typeMeta = Buffer.concat([field(1, 'coordination.k8s.io/v1'), field(2, 'Lease')]);
    const body = Buffer.concat([Buffer.from('k8s\0'), field(1, typeMeta), field(2, '')]);
    const res = await fetch(`${sim.server}/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body,
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      reason: 'UnsupportedMediaType',
      message: expect.stringContaining('the body of the request was in an unknown format'),
    });
  });
});

describe('the protobuf decoder', () => {
  it('reads times, negative int64s, IntOrString, inlined messages and maps as the JSON API does', () => {
    const time = (s: number) => varintField(1, s);
    const metadata = Buffer.concat([
      field(1, 'p'),
      field(2, ''), // generateName: empty, dropped as omitempty drops it
      varintField(7, 0), // generation 0: dropped
      field(8, Buffer.alloc(0)), // creationTimestamp: zero time, null, dropped
      field(9, time(1_700_000_000)), // deletionTimestamp
      varintField(10, -1), // deletionGracePeriodSeconds
      field(11, Buffer.concat([field(1, 'app'), field(2, 'x')])),
    ]);
    const httpGet = Buffer.concat([
      field(1, '/health'),
      field(2, Buffer.concat([varintField(1, 1), field(3, 'http')])),
    ]);
    const probe = Buffer.concat([field(1, field(2, httpGet)), varintField(4, 5)]);
    const container = Buffer.concat([field(1, 'api'), field(11, probe), varintField(16, 0)]);
    const spec = Buffer.concat([field(2, container), varintField(4, 0)]);
    const pod = Buffer.concat([field(1, metadata), field(2, spec)]);
    const typeMeta = Buffer.concat([field(1, 'v1'), field(2, 'Pod')]);
    const body = Buffer.concat([Buffer.from('k8s\0'), field(1, typeMeta), field(2, pod)]);
    expect(decodeProtobuf(body)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'p',
        deletionTimestamp: '2023-11-14T22:13:20Z',
        deletionGracePeriodSeconds: -1,
        labels: { app: 'x' },
      },
      spec: {
        containers: [
          { name: 'api', readinessProbe: { httpGet: { path: '/health', port: 'http' }, periodSeconds: 5 } },
        ],
        terminationGracePeriodSeconds: 0, // a pointer: its zero is kept
      },
    });
  });
});
