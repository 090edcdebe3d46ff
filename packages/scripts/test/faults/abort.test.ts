/** The kube adapter with the run's signal: aborting closes the hung request at once and says E_INTERRUPTED. */
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../../cli/src/context.ts';
import { createKubeAdapter } from '../../src/adapters/kube.ts';
import { API, type Faulty, faultySim, NS, until } from './setup.ts';

let f: Faulty | undefined;
afterEach(async () => {
  await f?.stop();
  f = undefined;
});

async function hungThenAborted(
  path: RegExp,
  call: (kube: Awaited<ReturnType<typeof createKubeAdapter>>) => Promise<unknown>,
) {
  f = await faultySim([{ path, action: { kind: 'hang' } }]);
  const proxy = f.proxy;
  const ac = new AbortController();
  const kube = await createKubeAdapter({ kubeconfig: f.kubeconfig, signal: ac.signal });
  const pending = call(kube);
  await until(() => proxy.requests().some((r) => r.action === 'hang'), 'the request reaches the proxy');
  ac.abort(new Error('interrupted by SIGINT'));
  await expect(pending).rejects.toMatchObject({
    code: 'E_INTERRUPTED',
    exitCode: 130,
    message: 'interrupted by SIGINT',
  });
  // The request itself was aborted, not just given up on: its connection is closed.
  await until(
    () => proxy.requests().find((r) => r.action === 'hang')?.closedEarly === true,
    'the socket closes',
  );
  // Later calls do not even start.
  const before = proxy.requests().length;
  await expect(kube.listPods()).rejects.toMatchObject({ code: 'E_INTERRUPTED' });
  expect(proxy.requests()).toHaveLength(before);
}

describe('aborting the kube adapter', () => {
  it('aborts a hung API call', async () => {
    await hungThenAborted(new RegExp(`/services/${API}$`), (kube) =>
      kube.patchServiceSelector(API, { version: 'blue' }),
    );
  });

  it('aborts a hung service-proxy request', async () => {
    await hungThenAborted(new RegExp(`/namespaces/${NS}/services/${API}/proxy/`), (kube) =>
      kube.serviceProxy(API, '/health'),
    );
  });

  it('an abort that reached the CLI as a bare AbortError exits 130, not as a bug', () => {
    const err = new DOMException('This operation was aborted', 'AbortError');
    expect(describeError(err, false)).toEqual({ lines: ['error: interrupted'], exitCode: 130 });
  });
});
