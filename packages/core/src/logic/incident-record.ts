/**
 * The incident record kept in the cluster is a summary of the local journal: an object of the API server holds
 * at most about 1 MiB, and a journal grows with every resume and retry.
 */
import type { JournalRecord } from '../schemas/incident.ts';

/** What the cluster copy of a journal may weigh, as JSON; a ConfigMap's data is capped at 1 MiB. */
export const INCIDENT_RECORD_MAX_BYTES = 900_000;
/** A string in a record's details or inputs longer than this is cut first when the record is too big. */
const LONG_STRING = 2048;

export interface CompactedRecords {
  records: JournalRecord[];
  /** Records left out because a later one of the same step says all they did (a step's start, a redo). */
  superseded: number;
  /** Records lost to the size limit: the oldest ones, when cutting long strings was not enough. */
  dropped: number;
}

const sizeOf = (records: JournalRecord[]) => Buffer.byteLength(JSON.stringify(records));

/**
 * What a resume and a reader of the status need: the run's first line (its inputs), and per step its last
 * `ok` record (what a resume hands back or re-checks) and its last record when that is a later one (a step
 * under way or failed). Order is kept.
 */
export function essentialRecords(records: JournalRecord[]): JournalRecord[] {
  const keep = new Set<JournalRecord>();
  const firstRun = records.find((r) => r.step === 'run');
  if (firstRun) keep.add(firstRun);
  const lastOk = new Map<string, JournalRecord>();
  const last = new Map<string, JournalRecord>();
  for (const r of records) {
    last.set(r.step, r);
    if (r.outcome === 'ok') lastOk.set(r.step, r);
  }
  for (const r of [...lastOk.values(), ...last.values()]) keep.add(r);
  return records.filter((r) => keep.has(r));
}

function cut(value: unknown): unknown {
  if (typeof value === 'string' && value.length > LONG_STRING)
    return `${value.slice(0, LONG_STRING)}… (${value.length - LONG_STRING} characters left out)`;
  if (Array.isArray(value)) return value.map(cut);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v)]));
  return value;
}

/**
 * The records of a journal that fit in `maxBytes` of JSON: the essential ones; if they are still too big,
 * long strings are cut, then the oldest records go (never the run's first line).
 */
export function compactRecords(
  records: JournalRecord[],
  maxBytes = INCIDENT_RECORD_MAX_BYTES,
): CompactedRecords {
  let kept = essentialRecords(records);
  const superseded = records.length - kept.length;
  if (sizeOf(kept) > maxBytes)
    kept = kept.map((r) => ({ ...r, inputs: cut(r.inputs), details: cut(r.details) }) as JournalRecord);
  const [head, ...rest] = kept;
  let dropped = 0;
  while (rest.length && sizeOf([head!, ...rest]) > maxBytes) {
    rest.shift();
    dropped++;
  }
  return { records: head ? [head, ...rest] : [], superseded, dropped };
}
