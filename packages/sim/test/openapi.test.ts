/** /openapi/v2 and /openapi/v3 serve the real Kubernetes 1.32 schemas of the served kinds: kubectl explain works. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../src/resources.ts';
import { clusterPerTest, kubectlOk } from './helpers.ts';

const sim = clusterPerTest();

describe('kubectl explain', () => {
  it('prints the description and fields of deployment.spec.strategy', async () => {
    const out = await kubectlOk(sim(), ['explain', 'deployment.spec.strategy']);
    expect(out).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n/);
    expect(out).toContain('FIELD: strategy <DeploymentStrategy>');
    expect(out).toContain('DeploymentStrategy describes how to replace existing pods with new ones.');
    expect(out).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
    expect(out).toContain('Type of deployment. Can be "Recreate" or "RollingUpdate". Default is');
  });

  it('prints the fields of pod.spec.containers', async () => {
    const out = await kubectlOk(sim(), ['explain', 'pod.spec.containers']);
    expect(out).toContain('FIELD: containers <[]Container>');
    expect(out).toContain('A single application container that you want to run within a pod.');
    expect(out).toMatch(/readinessProbe\s+<Probe>/);
    expect(out).toMatch(/image\s+<string>/);
  });

  it('--recursive walks the schema of a service', async () => {
    const out = await kubectlOk(sim(), ['explain', 'service.spec', '--recursive']);
    expect(out).toMatch(/ports\s+<\[\]ServicePort>\n\s+appProtocol\s+<string>/);
  });
});

describe('the OpenAPI documents', () => {
  it('v3 has a schema for every kind the sim serves, tagged with its group-version-kind', async () => {
    const root = (await (await fetch(`${sim().server}/openapi/v3`)).json()) as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    for (const r of RESOURCES) {
      const gv = r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
      const doc = (await (await fetch(`${sim().server}${root.paths[gv]!.serverRelativeURL}`)).json()) as {
        components: { schemas: Record<string, { 'x-kubernetes-group-version-kind'?: object[] }> };
      };
      const kinds = Object.values(doc.components.schemas).flatMap(
        (s) => s['x-kubernetes-group-version-kind'] ?? [],
      );
      expect(kinds, r.kind).toContainEqual({ group: r.group, version: r.version, kind: r.kind });
    }
  });

  it('v2 is served as JSON, and refused with 406 to a client that takes only its protobuf form', async () => {
    const res = await fetch(`${sim().server}/openapi/v2`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      swagger: string;
      definitions: Record<string, { description: string }>;
    };
    expect(doc.swagger).toBe('2.0');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']!.description).toBe(
      'Deployment enables declarative updates for Pods and ReplicaSets.',
    );
    const pb = await fetch(`${sim().server}/openapi/v2`, {
      headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    expect(pb.status).toBe(406);
  });
});

describe('kubectl apply', () => {
  it('computes its strategic merge patch from the v3 schemas, never asking for v2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-openapi-'));
    const manifest = (image: string, env: string) =>
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'smp' },
        spec: {
          selector: { matchLabels: { app: 'smp' } },
          template: {
            metadata: { labels: { app: 'smp' } },
            spec: { containers: [{ name: 'c', image, env: [{ name: env, value: '1' }] }] },
          },
        },
      });
    writeFileSync(join(dir, 'a.json'), manifest('x:1', 'A'));
    writeFileSync(join(dir, 'b.json'), manifest('x:2', 'B'));
    await kubectlOk(sim(), ['apply', '-f', join(dir, 'a.json')]);
    await kubectlOk(sim(), ['apply', '-f', join(dir, 'b.json')]);
    const c = sim().get('deployment', sim().namespace, 'smp')!.spec.template.spec.containers;
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ name: 'c', image: 'x:2', env: [{ name: 'B', value: '1' }] });
    const patch = sim().requestLog.find((r) => r.method === 'PATCH' && r.path.endsWith('/deployments/smp'));
    expect(patch).toBeTruthy();
    expect(sim().requestLog.some((r) => r.path === '/openapi/v2')).toBe(false);
  });
});
