/** The defaults a real API server fills in on create (core/v1 defaults.go and the pod admission plugins). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterPerTest, kubectlOk, kubectlYaml, until } from './helpers.ts';

const sim = clusterPerTest();

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: probed
spec:
  replicas: 1
  selector: { matchLabels: { app: probed } }
  template:
    metadata: { labels: { app: probed } }
    spec:
      volumes:
      - name: settings
        configMap: { name: settings }
      - name: scratch
      containers:
      - name: app
        image: registry.example/probed
        resources: { limits: { cpu: 500m } }
        env:
        - name: POD_NAME
          valueFrom: { fieldRef: { fieldPath: metadata.name } }
        readinessProbe:
          httpGet: { path: /ready, port: 8080 }
        livenessProbe:
          tcpSocket: { port: 8080 }
          periodSeconds: 20
---
apiVersion: v1
kind: Secret
metadata:
  name: untyped
stringData: { token: abc }
`;

function apply(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'sim-defaults-')), 'manifest.yaml');
  writeFileSync(file, MANIFEST);
  return kubectlOk(sim(), ['apply', '-f', file]);
}

describe('defaults filled by the API server', () => {
  it('probes get scheme, timeout, period and thresholds; containers, volumes and env refs theirs', async () => {
    await apply();
    const d = await kubectlYaml(sim(), ['get', 'deployment', 'probed']);
    const spec = d.spec.template.spec;
    const c = spec.containers[0];
    expect(c.readinessProbe).toEqual({
      httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.livenessProbe).toMatchObject({ periodSeconds: 20, timeoutSeconds: 1, failureThreshold: 3 });
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.env[0].valueFrom.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'metadata.name' });
    expect(spec.volumes).toEqual([
      { name: 'settings', configMap: { name: 'settings', defaultMode: 420 } },
      { name: 'scratch', emptyDir: {} },
    ]);
    // A template is not a pod: the pod-only defaults stay out of it.
    expect(spec.enableServiceLinks).toBeUndefined();
    expect(spec.serviceAccountName).toBeUndefined();
  });

  it('pods also get what SetDefaults_Pod and the admission plugins add', async () => {
    await apply();
    await until(() =>
      sim()
        .list('pod', sim().namespace)
        .some((p) => p.metadata.labels?.app === 'probed'),
    );
    const pods = await kubectlYaml(sim(), ['get', 'pods', '-l', 'app=probed']);
    const spec = pods.items[0].spec;
    expect(spec.containers[0].resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '500m' } });
    expect(spec.containers[0].readinessProbe.httpGet.scheme).toBe('HTTP');
    expect(spec).toMatchObject({
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(spec.tolerations).toContainEqual({
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    });
  });

  it('a secret without a type is Opaque', async () => {
    await apply();
    expect((await kubectlYaml(sim(), ['get', 'secret', 'untyped'])).type).toBe('Opaque');
  });
});
