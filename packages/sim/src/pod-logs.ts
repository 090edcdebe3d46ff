/** The containers' log lines, as the kubelet keeps them: each with the time the runtime received it. */

export interface LogLine {
  /** Milliseconds since the epoch, for sinceSeconds/sinceTime. */
  ms: number;
  /** RFC3339 with nine fraction digits, as the kubelet prefixes lines with `timestamps=true`. */
  stamp: string;
  text: string;
}

interface PodRef {
  namespace: string;
  name: string;
}

export type LogListener = (line: LogLine | undefined) => void;

const LOG_LINES = 1000;
// A wall-clock origin plus a monotonic clock: nanosecond stamps that never go backwards.
const ORIGIN_NS = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

function nowStamp(): { ms: number; stamp: string } {
  const ns = ORIGIN_NS + process.hrtime.bigint();
  const ms = Number(ns / 1_000_000n);
  const fraction = String(ns % 1_000_000_000n).padStart(9, '0');
  return { ms, stamp: `${new Date(ms).toISOString().slice(0, 19)}.${fraction}Z` };
}

function keyOf(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}

export class PodLogs {
  private readonly logs = new Map<string, LogLine[]>();
  private readonly listeners = new Map<string, Set<LogListener>>();

  append(pod: PodRef, text: string): void {
    const key = keyOf(pod);
    const lines = this.logs.get(key) ?? [];
    const line = { ...nowStamp(), text };
    lines.push(line);
    if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
    this.logs.set(key, lines);
    for (const l of this.listeners.get(key) ?? []) l(line);
  }

  lines(namespace: string, name: string): readonly LogLine[] {
    return this.logs.get(keyOf({ namespace, name })) ?? [];
  }

  /** Calls `listener` with each new line, and with undefined once the pod is gone (the stream ends). */
  follow(namespace: string, name: string, listener: LogListener): () => void {
    const key = keyOf({ namespace, name });
    const set = this.listeners.get(key) ?? new Set();
    set.add(listener);
    this.listeners.set(key, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(key);
    };
  }

  remove(pod: PodRef): void {
    const key = keyOf(pod);
    this.logs.delete(key);
    for (const l of this.listeners.get(key) ?? []) l(undefined);
    this.listeners.delete(key);
  }
}
