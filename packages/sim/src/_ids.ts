/** Names, uids, hashes and addresses, shaped like the ones Kubernetes makes. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

// The alphabet of Kubernetes' rand.String and SafeEncodeString: no vowels, no look-alike digits.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHANUMS[b % ALPHANUMS.length];
  return out;
}

export const newUid = (): string => randomUUID();

/** A short stable hash in the pod-template-hash alphabet. */
export function safeHash(text: string, length = 10): string {
  const digest = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMS[digest[i]! % ALPHANUMS.length];
  return out;
}

export function fakeImageId(image: string): string {
  const repo = image.replace(/:[^/:]+$/, '');
  return `${repo}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

let podIpCounter = 0;
let clusterIpCounter = 0;

export function nextPodIp(): string {
  podIpCounter++;
  return `10.244.${Math.floor(podIpCounter / 250) % 250}.${(podIpCounter % 250) + 2}`;
}

export function nextClusterIp(): string {
  clusterIpCounter++;
  return `10.96.${Math.floor(clusterIpCounter / 250) % 250}.${(clusterIpCounter % 250) + 10}`;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
