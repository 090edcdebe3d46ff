/** The initial world: namespaces, a node, and for each app a green Deployment with history, a blue one and a Service. */
import { clone } from './_json.ts';
import { APP_ANNOTATION, COLOR_LABEL_ANNOTATION } from './annotations.ts';
import { R, type SimContext } from './context.ts';
import { createReplicaSet } from './deployment-controller.ts';
import { create } from './handlers.ts';
import { reconcileNamespaceDefaults } from './namespace-defaults.ts';
import type { KObject, WorldApp } from './types.ts';

export function serviceName(app: WorldApp): string {
  return app.service ?? `${app.name}-service`;
}

export function blueName(app: WorldApp): string {
  return app.blueName ?? `${app.name}-blue`;
}

export function colorLabel(app: WorldApp): string {
  return app.colorLabel ?? 'version';
}

function podLabels(app: WorldApp, color: string): Record<string, string> {
  return { ...(app.labels ?? { app: app.name }), [colorLabel(app)]: color };
}

function template(app: WorldApp, color: string, tag: string): KObject {
  const port = app.targetPort ?? 3000;
  return {
    metadata: {
      labels: podLabels(app, color),
      annotations: { [APP_ANNOTATION]: app.name, [COLOR_LABEL_ANNOTATION]: colorLabel(app) },
    },
    spec: {
      containers: [
        {
          name: app.container,
          image: `${app.imageRepo}:${tag}`,
          ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
          readinessProbe: { httpGet: { path: app.healthPath ?? '/health', port }, periodSeconds: 5 },
        },
      ],
    },
  };
}

function deployment(ns: string, app: WorldApp, name: string, color: string, tag: string): KObject {
  return {
    metadata: { name, namespace: ns, labels: podLabels(app, color) },
    spec: {
      replicas: app.replicas,
      selector: { matchLabels: podLabels(app, color) },
      template: template(app, color, tag),
    },
  };
}

export function seedWorld(ctx: SimContext, namespace: string, apps: WorldApp[]): void {
  const { store } = ctx;
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', namespace]) {
    if (!store.get(R.namespaces, undefined, ns))
      create(store, { resource: R.namespaces }, { metadata: { name: ns } }, false);
  }
  reconcileNamespaceDefaults(ctx);
  store.create(R.nodes, {
    metadata: {
      name: 'sim-node-1',
      labels: { 'kubernetes.io/hostname': 'sim-node-1', 'node-role.kubernetes.io/control-plane': '' },
    },
    spec: {},
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: {
        kubeletVersion: 'v1.32.4',
        containerRuntimeVersion: 'containerd://1.7.0',
        osImage: 'Simulated',
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
    },
  });
  create(
    store,
    { resource: R.services, namespace: 'default' },
    {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    },
    false,
  );
  for (const app of apps) {
    const history = app.greenHistory.length ? app.greenHistory : ['latest'];
    const green = create(
      store,
      { resource: R.deployments, namespace },
      deployment(namespace, app, app.name, 'green', history.at(-1)!),
      false,
    );
    // Old revisions keep the defaulted template with their image, as rollouts of the past would have left them.
    history.forEach((tag, i) => {
      const t = clone(green.spec.template);
      t.spec.containers[0].image = `${app.imageRepo}:${tag}`;
      createReplicaSet(ctx, green, t, i + 1, i === history.length - 1 ? app.replicas : 0);
    });
    create(
      store,
      { resource: R.deployments, namespace },
      deployment(namespace, app, blueName(app), 'blue', app.blueTag),
      false,
    );
    create(
      store,
      { resource: R.services, namespace },
      {
        metadata: { name: serviceName(app), labels: app.labels ?? { app: app.name } },
        spec: {
          selector: podLabels(app, 'green'),
          ports: [{ name: 'http', port: 80, targetPort: app.targetPort ?? 3000, protocol: 'TCP' }],
        },
      },
      false,
    );
  }
}
