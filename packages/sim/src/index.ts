/** @runbook/sim: a simulated Kubernetes cluster that real kubectl and @kubernetes/client-node drive. */
export { type ReadyLine, readyLine, type SimCluster, startSimCluster } from './cluster.ts';
export {
  type FaultAction,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultRule,
  kubeStatus,
  type ProxiedRequest,
  respondStatus,
  startFaultProxy,
} from './fault-proxy.ts';
export { checkFaultVersion, faultVersions, parseFaultSpec } from './faults.ts';
export { type RequestAttributes, requestAttributes } from './request-info.ts';
export type { LoggedRequest, RequestFault } from './server.ts';
export type { Store } from './store.ts';
export type {
  FaultSpec,
  JobRunner,
  JobRunResult,
  KObject,
  SimLogger,
  SimOptions,
  SimRbacOptions,
  SimUserSpec,
  WorldApp,
  WorldRoute,
} from './types.ts';
