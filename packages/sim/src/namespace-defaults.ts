/**
 * What every namespace holds as soon as it exists: the `default` ServiceAccount (the ServiceAccount controller)
 * and the `kube-root-ca.crt` ConfigMap (the root-CA publisher), re-created when deleted, as those controllers do.
 */
import { R, type SimContext } from './context.ts';
import { resolveResource } from './resources.ts';

const SERVICE_ACCOUNTS = resolveResource('serviceaccounts');
const CONFIG_MAPS = resolveResource('configmaps');
/** The ConfigMap the root-CA publisher keeps in every namespace. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/**
 * The sim serves plain HTTP, so no client verifies against it; this is a real self-signed CA certificate
 * (CN=kubernetes, its key thrown away) so that whoever parses the bundle finds one.
 */
const ROOT_CA = `-----BEGIN CERTIFICATE-----
MIIBkjCCATegAwIBAgIUMidsmd2jnqDTarhg5/wIjO6os7QwCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKa3ViZXJuZXRlczAgFw0yNjExMjkyMjMxNThaGA8yMTI2MTEw
NTIyMzE1OFowFTETMBEGA1UEAwwKa3ViZXJuZXRlczBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABD2TGXq588xHRkqYEXw7hc1oGI2N7BF8s/GQt8jJNS1akA+tULRE
Zz4UOUkS+LKnrwXzkKXQrSNp15bqz/e/7eujYzBhMB0GA1UdDgQWBBTaUXA8+V8V
ILAOZHKms5LMg6/qwTAfBgNVHSMEGDAWgBTaUXA8+V8VILAOZHKms5LMg6/qwTAP
BgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICpDAKBggqhkjOPQQDAgNJADBG
AiEA0YeemdtrteuMQgQtFF+VylposRvNXu1m1ZCrV4/qS/wCIQD4P1P4n3V5fwJB
rOWDKgHQGlEK82TKuavawAfe0sKg/Q==
-----END CERTIFICATE-----
`;

const CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export function reconcileNamespaceDefaults(ctx: SimContext): void {
  const { store } = ctx;
  for (const ns of store.view(R.namespaces)) {
    const namespace = ns.metadata.name!;
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') continue;
    if (!store.peek(SERVICE_ACCOUNTS, namespace, 'default'))
      store.create(SERVICE_ACCOUNTS, { metadata: { name: 'default', namespace } });
    if (!store.peek(CONFIG_MAPS, namespace, ROOT_CA_CONFIGMAP)) {
      store.create(CONFIG_MAPS, {
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace,
          annotations: { 'kubernetes.io/description': CA_DESCRIPTION },
        },
        data: { 'ca.crt': ROOT_CA },
      });
    }
  }
}
