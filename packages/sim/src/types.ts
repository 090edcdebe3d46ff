/** Loose shapes of Kubernetes objects: the sim stores JSON, as the API server's etcd does. */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: objects are arbitrary JSON, like in the API server
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: objects are arbitrary JSON, like in the API server
  status?: any;
  [key: string]: unknown;
}

/** A fault injected into one version (a `version` label such as `green`, or an image tag such as `v1.2.4`). */
export interface FaultSpec {
  /** Fraction (0..1) of requests answered with 500; payment routes fail too. */
  errorRate?: number;
  /** Latency, in milliseconds, that the recorded p95 of request durations should show. */
  p95Ms?: number;
  /** The application answers 503 everywhere, /health included. */
  down?: boolean;
  /** Pods of this version never become Ready. */
  notReady?: boolean;
}

/** A request the simulated app answers besides health and metrics: 200 to GET, 201 to the other methods. */
export interface WorldRoute {
  method: string;
  path: string;
  /** Counted as a payment attempt (payment_attempts_total, payment_failures_total). */
  payment?: boolean;
}

/** One application of the simulated world: a green Deployment (with history) and a blue one, behind a Service. */
export interface WorldApp {
  /** Deployment name of the green side, e.g. `shop-api`. */
  name: string;
  /** Deployment name of the blue side; default `<name>-blue`. */
  blueName?: string;
  /** Labels of the pods of both colours, the colour label added; the Service selects on them. Default `{ app: name }`. */
  labels?: Record<string, string>;
  /** Label key whose value is `blue` or `green`; default `version`. */
  colorLabel?: string;
  /** Labels every metric series of the app carries, besides `app`, `color` and `version`. */
  metricLabels?: Record<string, string>;
  /** Path of the health endpoint (readiness probe); `/health`, `/healthz` and `/ready` always answer. */
  healthPath?: string;
  /** What the app serves and the synthetic traffic requests, besides `GET /`; default none. */
  routes?: WorldRoute[];
  /** Container name in the pod template. */
  container: string;
  /** Image repository, without tag. */
  imageRepo: string;
  replicas: number;
  /** Image tag of the blue Deployment. */
  blueTag: string;
  /** Image tags of the green Deployment, oldest first; the last one is current. */
  greenHistory: string[];
  /** Service name; default `<name>-service`. */
  service?: string;
  /** Container port the Service targets. */
  targetPort?: number;
}

export interface JobRunResult {
  exitCode: number;
  log: string;
}

/** Runs the "work" of a batch/v1 Job locally. */
export type JobRunner = (job: KObject) => Promise<JobRunResult>;

export type SimLogger = (message: string) => void;

export interface SimOptions {
  /** TCP port of the API server on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Where to write the kubeconfig; default a fresh temporary file, removed by `stop()`. */
  kubeconfig?: string;
  /** Namespace of the world and default namespace of the kubeconfig context, e.g. `shop`. */
  namespace: string;
  /** Time a new pod takes to become Ready, in ms; default 1000. Pods of the initial world start Ready. */
  readyDelayMs?: number;
  /** Faults by version (`green`, `blue`, or an image tag). */
  faults?: Record<string, FaultSpec>;
  /** Synthetic requests per second sent to each service; default 20, 0 disables. */
  traffic?: number;
  /** Applications of the initial world, e.g. `shop-api` and `shop-web`: the caller's, the sim names none of its own. */
  world: WorldApp[];
  /** Runs created Jobs; default succeeds at once with an empty log. */
  jobRunner?: JobRunner;
  /** Receives diagnostic lines; default silent. */
  log?: SimLogger;
  /**
   * Authenticate (a bearer token per kubeconfig user) and authorize with RBAC, as a production API server does.
   * `true`: only the admin (context `sim`, bound to cluster-admin); `{ users }` adds identities, each with a
   * context of its own name. Without it every request is served.
   */
  rbac?: boolean | SimRbacOptions;
  /**
   * Time factor of pod termination: a deleted pod stays Terminating for terminationGracePeriodSeconds × this
   * before it is gone; default 0.01 (30 s become 300 ms). 0 removes at once.
   */
  graceScale?: number;
}

/** An identity of an RBAC sim: `deployer`, or a service account as `system:serviceaccount:NS:NAME`. */
export interface SimUserSpec {
  name: string;
  /** Groups besides those upstream adds (`system:authenticated`, the service-account groups). */
  groups?: string[];
}

export interface SimRbacOptions {
  users?: Array<string | SimUserSpec>;
}
