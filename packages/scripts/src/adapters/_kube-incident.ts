/** The kube adapter's calls for the incident's cluster copy: its Events and its record (a ConfigMap). */
import type { CoreV1Api, CoreV1Event, V1ConfigMap } from '@kubernetes/client-node';
import type { CallTools } from './_kube-call.ts';
import type { ConfigMap, KubeEvent } from './kube-types.ts';

export interface IncidentCalls {
  /** Records an Event (core/v1) in the namespace. */
  createEvent(event: KubeEvent): Promise<KubeEvent>;
  /** A ConfigMap, or null when it does not exist. */
  getConfigMap(name: string): Promise<ConfigMap | null>;
  listConfigMaps(labelSelector: string): Promise<ConfigMap[]>;
  createConfigMap(cm: ConfigMap): Promise<ConfigMap>;
  /** Replaces a ConfigMap; its resourceVersion makes it fail with 409 if someone changed it meanwhile. */
  replaceConfigMap(name: string, cm: ConfigMap): Promise<ConfigMap>;
}

interface Tools extends Pick<CallTools, 'call' | 'orNull'> {
  core: CoreV1Api;
  namespace: string;
}

// The wire's JSON goes back as the body: client-node serializes its models by attribute, strings included.
const asModel = <T>(o: unknown) => o as T;

export function incidentCalls({ core, namespace, call, orNull }: Tools): IncidentCalls {
  return {
    createEvent: (event) =>
      call('POST events', () => core.createNamespacedEvent({ namespace, body: asModel<CoreV1Event>(event) })),
    getConfigMap: (name) =>
      orNull(call(`GET configmaps/${name}`, () => core.readNamespacedConfigMap({ name, namespace }))),
    listConfigMaps: async (labelSelector) =>
      (await call('GET configmaps', () => core.listNamespacedConfigMap({ namespace, labelSelector }))).items,
    createConfigMap: (cm) =>
      call('POST configmaps', () =>
        core.createNamespacedConfigMap({ namespace, body: asModel<V1ConfigMap>(cm) }),
      ),
    replaceConfigMap: (name, cm) =>
      call(`PUT configmaps/${name}`, () =>
        core.replaceNamespacedConfigMap({ name, namespace, body: asModel<V1ConfigMap>(cm) }),
      ),
  };
}
