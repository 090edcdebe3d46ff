/** Every namespace has the `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap, as on a real cluster. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterPerTest, kubectl, kubectlOk, kubectlYaml, until } from './helpers.ts';

const sim = clusterPerTest();

const exists = async (args: string[]) => (await kubectl(sim(), ['get', ...args])).code === 0;

describe('namespace defaults', () => {
  it('the namespaces of the world start with both', async () => {
    for (const ns of ['default', 'kube-system', sim().namespace]) {
      const sa = await kubectlYaml(sim(), ['get', 'serviceaccount', 'default', '-n', ns]);
      expect(sa.kind).toBe('ServiceAccount');
      const cm = await kubectlYaml(sim(), ['get', 'configmap', 'kube-root-ca.crt', '-n', ns]);
      expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
      expect(cm.metadata.annotations['kubernetes.io/description']).toContain('CA bundle');
    }
  });

  it('a namespace created later gets them, and they come back when deleted', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-ns-')), 'ns.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: later\n');
    await kubectlOk(sim(), ['apply', '-f', file]);
    await until(() => exists(['serviceaccount', 'default', '-n', 'later']));
    await until(() => exists(['configmap', 'kube-root-ca.crt', '-n', 'later']));
    const uid = sim().get('serviceaccount', 'later', 'default')!.metadata.uid;
    await kubectlOk(sim(), ['delete', 'serviceaccount', 'default', '-n', 'later']);
    await until(() => (sim().get('serviceaccount', 'later', 'default')?.metadata.uid ?? uid) !== uid);
    const ca = sim().get('configmap', 'later', 'kube-root-ca.crt')!.metadata.uid;
    await kubectlOk(sim(), ['delete', 'configmap', 'kube-root-ca.crt', '-n', 'later']);
    await until(() => (sim().get('configmap', 'later', 'kube-root-ca.crt')?.metadata.uid ?? ca) !== ca);
  });

  it('a ConfigMap whose owner is gone is collected, as any dependent', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-gc-')), 'cm.json');
    const owner = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      name: 'gone',
      uid: '00000000-0000-4000-8000-00000000dead',
    };
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'orphan', ownerReferences: [owner] },
      }),
    );
    await kubectlOk(sim(), ['apply', '-f', file, '-n', sim().namespace]);
    await until(() => sim().get('configmap', sim().namespace, 'orphan') === undefined);
  });
});
