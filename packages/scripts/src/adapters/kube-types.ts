/**
 * The Kubernetes objects the kube adapter hands out, typed with client-node 1.4's models. The adapter returns
 * them as plain JSON (as the API server sent them), so a model's `Date` fields are the strings on the wire:
 * `Json<V1Deployment>`, not `V1Deployment`.
 */
import type {
  CoreV1Event,
  V1ConfigMap,
  V1Container,
  V1Deployment,
  V1Endpoints,
  V1Job,
  V1Lease,
  V1LeaseSpec,
  V1ObjectMeta,
  V1Pod,
  V1ReplicaSet,
  V1Scale,
  V1Service,
} from '@kubernetes/client-node';

/** A model after a JSON round trip: dates become their ISO strings, everything else keeps its type. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [P in keyof T]: Json<T[P]> }
      : T;

export type Deployment = Json<V1Deployment>;
export type ReplicaSet = Json<V1ReplicaSet>;
export type Pod = Json<V1Pod>;
export type Service = Json<V1Service>;
export type Endpoints = Json<V1Endpoints>;
export type Lease = Json<V1Lease>;
export type LeaseSpec = Json<V1LeaseSpec>;
export type Job = Json<V1Job>;
export type Scale = Json<V1Scale>;
export type Container = Json<V1Container>;
export type ConfigMap = Json<V1ConfigMap>;
export type KubeEvent = Json<CoreV1Event>;
export type ObjectMeta = Json<V1ObjectMeta>;
/** Anything with object metadata: what GitOps detection and the state capture read. */
export interface KubeObject {
  metadata?: ObjectMeta;
}
