/** startSimCluster: wires the store, controllers, API server, service ports and traffic of one simulated cluster. */

import { mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AccessControl, accessControl, kubeconfigUsers } from './access-review.ts';
import { podInfo, SimApps } from './app.ts';
import { Authenticator } from './authn.ts';
import type { SimContext } from './context.ts';
import { R } from './context.ts';
import { Controllers } from './controllers.ts';
import { startEventRecorder } from './event-recorder.ts';
import { FaultTable } from './faults.ts';
import { loadFieldModels } from './field-validation.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { resolveResource } from './resources.ts';
import { type ApiServerState, createApiServer, type LoggedRequest, type RequestFault } from './server.ts';
import { ServiceRouter } from './service-router.ts';
import { Store } from './store.ts';
import { selfSignedCert } from './tls.ts';
import { Traffic } from './traffic.ts';
import type { FaultSpec, KObject, SimOptions } from './types.ts';
import { seedWorld, serviceName } from './world.ts';

export interface SimCluster {
  /** Path of the kubeconfig file (context `sim`). */
  readonly kubeconfig: string;
  /** API server URL, `http://127.0.0.1:PORT` (`https` with `rbac`). */
  readonly server: string;
  /** With `rbac`: the PEM certificate the API server presents, which the kubeconfig trusts. */
  readonly ca?: string;
  /** Local URL of each Service of the initial world, by Service name. */
  readonly services: Record<string, string>;
  readonly namespace: string;
  /** Method, path and query of every API request, oldest first. */
  readonly requestLog: readonly LoggedRequest[];
  /** The object store, for assertions. */
  readonly store: Store;
  /** Sets (or clears, with null) the fault of a version: `green`, `blue` or an image tag. */
  setFault(version: string, fault: FaultSpec | null): void;
  /** Makes the next matching API request(s) fail with a Kubernetes Status. */
  injectRequestFault(fault: RequestFault): void;
  /**
   * RBAC sim only: adds an identity (`deployer`, `system:serviceaccount:NS:NAME`) with its own token and a
   * kubeconfig context of its name, and rewrites the kubeconfig. It may do nothing until a Role is bound to it.
   */
  addUser(name: string, groups?: string[]): Promise<{ context: string; token: string }>;
  /** Time new pods take to become Ready from now on. */
  setReadyDelay(ms: number): void;
  /** One object by kind (`deployment`, `Deployment`, `deploy`...), namespace and name. */
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  list(kind: string, namespace?: string): KObject[];
  /** http_requests_total of one app's version (green deployment name, `green`), summed by status code. */
  requestCounts(app: string, color: string): Record<string, number>;
  stop(): Promise<void>;
}

export interface ReadyLine {
  ready: true;
  kubeconfig: string;
  server: string;
  namespace: string;
  services: Record<string, string>;
}

/** The one JSON line `runbook sim up` prints once the cluster is up. */
export function readyLine(cluster: SimCluster): ReadyLine {
  return {
    ready: true,
    kubeconfig: cluster.kubeconfig,
    server: cluster.server,
    namespace: cluster.namespace,
    services: { ...cluster.services },
  };
}

export async function startSimCluster(options: SimOptions): Promise<SimCluster> {
  await loadFieldModels();
  const { namespace, world } = options;
  const faults = new FaultTable(options.faults);
  const store = new Store();
  const ctx: SimContext = {
    store,
    faults,
    apps: new SimApps(faults, world),
    readyDelayMs: options.readyDelayMs ?? 1000,
    bootstrapping: true,
    started: new Set(),
    timers: new Set(),
    jobRunner: options.jobRunner ?? (async () => ({ exitCode: 0, log: '' })),
    log: options.log ?? (() => {}),
    schedule: () => {},
    stopped: false,
    graceScale: options.graceScale ?? 0.01,
  };
  const events = startEventRecorder(ctx);
  const controllers = new Controllers(ctx);
  ctx.schedule = () => controllers.schedule();
  seedWorld(ctx, namespace, world);
  controllers.settle();
  ctx.bootstrapping = false;

  const router = new ServiceRouter(ctx);
  const watches = new Set<ServerResponse>();
  const rbac = options.rbac;
  const access: AccessControl | undefined = rbac
    ? accessControl(store, new Authenticator(), rbac === true ? [] : (rbac.users ?? []))
    : undefined;
  const state: ApiServerState = { ctx, router, requestLog: [], requestFaults: [], watches, access };
  const tls = access ? await selfSignedCert() : undefined;
  const api = createApiServer(state, tls);
  await new Promise<void>((resolve, reject) => {
    api.once('error', reject);
    api.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const server = `${tls ? 'https' : 'http'}://127.0.0.1:${(api.address() as AddressInfo).port}`;
  let tempDir: string | undefined;
  let kubeconfig = options.kubeconfig;
  if (!kubeconfig) {
    tempDir = await mkdtemp(join(tmpdir(), 'runbook-sim-'));
    kubeconfig = join(tempDir, 'kubeconfig');
  }
  const kubeconfigPath = kubeconfig;
  const rewriteKubeconfig = () =>
    writeKubeconfig(kubeconfigPath, server, namespace, kubeconfigUsers(access), tls?.cert);
  await rewriteKubeconfig();

  const services: Record<string, string> = {};
  for (const app of world) services[serviceName(app)] = await router.listen(namespace, serviceName(app));
  const traffic = new Traffic(
    router,
    world.map((app) => ({ namespace, service: serviceName(app), routes: app.routes ?? [] })),
    options.traffic ?? 20,
  );
  ctx.log(`sim cluster up at ${server}`);

  return {
    kubeconfig,
    server,
    ...(tls ? { ca: tls.cert } : {}),
    services,
    namespace,
    requestLog: state.requestLog,
    store,
    setFault(version, fault) {
      faults.set(version, fault);
      controllers.refreshPods();
      for (const pod of store.list(R.pods)) {
        const info = podInfo(pod);
        if (info.color === version || info.version === version) ctx.apps.reportFault(info);
      }
    },
    injectRequestFault(fault) {
      state.requestFaults.push({ ...fault, left: fault.times ?? 1 });
    },
    async addUser(name, groups) {
      if (!access) throw new Error('addUser: the sim runs without rbac');
      const user = access.authn.add(name, groups);
      await rewriteKubeconfig();
      return { context: name, token: user.token };
    },
    setReadyDelay(ms) {
      ctx.readyDelayMs = ms;
    },
    get: (kind, ns, name) => store.get(resolveResource(kind), ns, name),
    list: (kind, ns) => store.list(resolveResource(kind), ns),
    requestCounts: (app, color) => ctx.apps.requestCounts(namespace, app, color),
    async stop() {
      if (ctx.stopped) return;
      ctx.stopped = true;
      traffic.stop();
      controllers.stop();
      events.stop();
      for (const t of ctx.timers) clearTimeout(t);
      for (const w of watches) w.end();
      await Promise.all([
        router.close(),
        new Promise<void>((resolve) => {
          api.close(() => resolve());
          api.closeAllConnections();
        }),
      ]);
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
