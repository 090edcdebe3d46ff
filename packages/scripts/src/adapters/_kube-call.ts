/**
 * How the kube adapter sends each client-node request: bounded by its timeout and the run's signal, failures
 * mapped to one-line errors, answers turned into the wire's JSON, and the uids they carry remembered.
 */
import type { setHeaderOptions } from '@kubernetes/client-node';
import { RunbookError } from '@runbook/core';
import { mapKubeError, unreachable } from './_kube-errors.ts';
import type { Json } from './kube-types.ts';
import { interrupted } from './time.ts';

/** Which cluster and namespace a request went to, for its error messages. */
export interface KubeWhere {
  server: string;
  context: string | null;
  namespace: string;
}

/** What each group of the adapter's calls (`_kube-*.ts`) sends its requests with. */
export type CallTools = ReturnType<typeof kubeCallTools>;

/** The request options that send a body of this Content-Type. */
export type WithType = (type: string) => ReturnType<typeof setHeaderOptions>;

// The models carry Date objects; the procedures, the journal and the captured state want the wire's JSON.
const plain = <T>(o: T): Json<T> => JSON.parse(JSON.stringify(o));

/** `call`, `orNull` and `list` for the calls of one adapter, and `knownUid` over what they answered. */
export function kubeCallTools(where: KubeWhere, timeoutMs: number, signal?: AbortSignal) {
  const { server, context } = where;
  const uids = new Map<string, string>();
  const remember = (o: unknown) => {
    const { kind, metadata } = (o ?? {}) as { kind?: string; metadata?: { name?: string; uid?: string } };
    if (kind && metadata?.name && metadata.uid) uids.set(`${kind}/${metadata.name}`, metadata.uid);
    return o;
  };

  async function call<T>(what: string, fn: () => Promise<T>): Promise<Json<T>> {
    if (signal?.aborted) throw interrupted(signal);
    let timer: NodeJS.Timeout | undefined;
    let onAbort = () => {};
    // Settles at once on a timeout or a signal, even if a layer under client-node ignored the abort.
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unreachable(server, context, `no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      onAbort = () => reject(interrupted(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return remember(plain(await Promise.race([fn(), stop]))) as Json<T>;
    } catch (err) {
      throw signal?.aborted ? interrupted(signal) : mapKubeError(err, what, where);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
  const orNull = async <T>(p: Promise<T>): Promise<T | null> =>
    p.catch((err: unknown) => {
      if (err instanceof RunbookError && err.code === 'E_NOT_FOUND') return null;
      throw err;
    });
  const list = async <T>(what: string, fn: () => Promise<{ items: T[] }>): Promise<Json<T>[]> =>
    (await call(what, fn)).items;
  const knownUid = (kind: string, name: string) => uids.get(`${kind}/${name}`);

  return { call, orNull, list, knownUid };
}
