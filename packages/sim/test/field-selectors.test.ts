/** Field selectors: the labels each kind supports, the API server's refusal of the others, and filtering. */
import { describe, expect, it } from 'vitest';
import { clusterPerTest, kubectl, kubectlOk, until } from './helpers.ts';

const sim = clusterPerTest();
const ns = 'topsteel-marketplace';

describe('field selectors', () => {
  it('rejects the labels a kind does not support with the API server message, and filters on the others', async () => {
    const pod = sim().list('pods', ns)[0]!.metadata.name!;
    await kubectlOk(sim(), ['delete', 'pod', pod, '-n', ns]);
    const bad = await kubectl(sim(), ['get', 'pods', '--field-selector', 'foo=bar', '-n', ns]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Error from server (BadRequest)');
    expect(bad.stderr).toContain('field label not supported: foo');
    const deploy = await kubectl(sim(), ['get', 'deploy', '--field-selector', 'status.replicas=3', '-n', ns]);
    expect(deploy.stderr).toContain(
      '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    const v1 = await kubectl(sim(), [
      'get',
      'events.events.k8s.io',
      '--field-selector',
      'involvedObject.name=x',
      '-n',
      ns,
    ]);
    expect(v1.stderr).toContain('field label not supported: involvedObject.name');

    const running = await kubectlOk(sim(), [
      'get',
      'pods',
      '-n',
      ns,
      '-o',
      'name',
      '--field-selector',
      'status.phase=Running,spec.nodeName=sim-node-1,spec.hostNetwork=false',
    ]);
    expect(running.trim().split('\n')).toHaveLength(10);
    expect(
      await kubectlOk(sim(), ['get', 'rs', '-n', ns, '-o', 'name', '--field-selector', 'status.replicas=0']),
    ).toContain('replicaset.apps/marketplace-api-');
    expect(
      await kubectlOk(sim(), ['get', 'ns', '-o', 'name', '--field-selector', 'status.phase=Active']),
    ).toContain(`namespace/${ns}`);
    const scheduled = [
      'get',
      'events',
      '-n',
      ns,
      '-o',
      'name',
      '--field-selector',
      'source=default-scheduler',
    ];
    await until(async () => (await kubectlOk(sim(), scheduled)).trim().split('\n').length === 1);
    const kubelet = [...scheduled.slice(0, -1), 'source=kubelet,type=Normal,reason!=Killing'];
    expect((await kubectlOk(sim(), kubelet)).trim().split('\n')).toHaveLength(3);
  });
});
