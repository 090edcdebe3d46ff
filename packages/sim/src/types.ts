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
  /** Fraction (0..1) of requests answered with 500; payments fail too. */
  errorRate?: number;
  /** Latency, in milliseconds, that the recorded p95 of request durations should show. */
  p95Ms?: number;
  /** The application answers 503 everywhere, /health included. */
  down?: boolean;
  /** Pods of this version never become Ready. */
  notReady?: boolean;
}

/** One application of the simulated world: a green Deployment (with history) and a blue one, behind a Service. */
export interface WorldApp {
  /** Deployment name of the green side (`marketplace-api`); blue is `<name>-blue`. */
  name: string;
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
  /** Namespace of the world and default namespace of the kubeconfig context; default `topsteel-marketplace`. */
  namespace?: string;
  /** Time a new pod takes to become Ready, in ms; default 1000. Pods of the initial world start Ready. */
  readyDelayMs?: number;
  /** Faults by version (`green`, `blue`, or an image tag). */
  faults?: Record<string, FaultSpec>;
  /** Synthetic requests per second sent to each service; default 20, 0 disables. */
  traffic?: number;
  /** Applications of the initial world; default the marketplace api and web. */
  world?: WorldApp[];
  /** Runs created Jobs; default succeeds at once with an empty log. */
  jobRunner?: JobRunner;
  /** Receives diagnostic lines; default silent. */
  log?: SimLogger;
}
