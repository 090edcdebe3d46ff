/**
 * The official Kubernetes Python client (Debian's python3-kubernetes, run by /usr/bin/python3) against the sim:
 * a third client, written by others, that must find the sim a Kubernetes API server.
 */
import { describe, expect, it } from 'vitest';
import { runPython } from './_python.ts';
import { TEST_NAMESPACE } from './_world.ts';
import { clusterPerTest } from './helpers.ts';

const sim = clusterPerTest();
const ns = TEST_NAMESPACE;

async function py(name: string, ...args: string[]): Promise<any> {
  const r = await runPython('conformance.py', [sim().kubeconfig, ns, name, ...args]);
  if (r.code !== 0) throw new Error(`conformance.py ${name} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('the official Python client', () => {
  it('lists deployments, namespaces and pods by label selector', async () => {
    const out = await py('list');
    expect(out.kind).toBe('DeploymentList');
    expect(out.resourceVersion).toMatch(/^\d+$/);
    expect(out.deployments).toEqual([
      'marketplace-api',
      'marketplace-api-blue',
      'marketplace-web',
      'marketplace-web-blue',
    ]);
    expect(out.greenApiPods).toBe(3);
    expect(out.namespaces).toContain(ns);
  });

  it('reads a deployment and a service into typed models', async () => {
    const out = await py('read');
    expect(out).toMatchObject({
      image: 'ghcr.io/topsteel/marketplace-api:v1.2.4',
      replicas: 3,
      strategy: 'RollingUpdate',
      readyReplicas: 3,
      selector: { app: 'marketplace-api', version: 'green' },
    });
    expect(out.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('patches with a strategic merge: the container list merges by name', async () => {
    const out = await py('patch-strategic', 'ghcr.io/topsteel/marketplace-api:v1.2.5');
    expect(out).toEqual({ containers: 1, image: 'ghcr.io/topsteel/marketplace-api:v1.2.5', ports: [3000] });
    const stored = sim().get('deployment', ns, 'marketplace-api');
    expect(stored?.spec.template.spec.containers[0].image).toBe('ghcr.io/topsteel/marketplace-api:v1.2.5');
    expect(stored?.metadata.generation).toBe(2);
  });

  it('patches with a JSON merge patch: null removes a key', async () => {
    const out = await py('patch-merge');
    expect(out.selector).toEqual({ app: 'marketplace-api', version: 'blue' });
    expect(out.labels.tier).toBe('edge');
    expect(out.afterNull.tier).toBeUndefined();
    expect(sim().get('service', ns, 'marketplace-api-service')?.spec.selector.version).toBe('blue');
  });

  it('creates and replaces a configmap', async () => {
    const out = await py('replace');
    expect(out).toEqual({ data: { mode: 'b' }, rvChanged: true, read: { mode: 'b' } });
  });

  // The client sends `watch=True`; the sim must stream events, not answer a list.
  it('watches from a resourceVersion and sees the ADDED event', async () => {
    const out = await py('watch');
    expect(out.events).toContainEqual(['ADDED', 'py-watched']);
  });

  it('reads pod logs: whole, tail, timestamps, and the BadRequest of --previous', async () => {
    const out = await py('logs');
    expect(out.full).toContain('starting marketplace-api v1.2.4');
    expect(out.tail.trim().split('\n')).toHaveLength(1);
    expect(out.stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    expect(out.previous).toMatchObject({
      status: 400,
      statusReason: 'BadRequest',
      message: `previous terminated container "api" in pod "${out.pod}" not found`,
    });
  });

  it('raises ApiException with the status and reason of 404, 409 Conflict and 409 AlreadyExists', async () => {
    const out = await py('errors');
    expect(out.notFound).toMatchObject({ status: 404, reason: 'Not Found', statusReason: 'NotFound' });
    expect(out.notFound.message).toBe('deployments.apps "no-such-deployment" not found');
    expect(out.conflict).toMatchObject({ status: 409, reason: 'Conflict', statusReason: 'Conflict' });
    expect(out.conflict.message).toContain('the object has been modified');
    expect(out.alreadyExists).toMatchObject({ status: 409, statusReason: 'AlreadyExists' });
  });
});
