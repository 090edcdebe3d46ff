/**
 * Decodes Kubernetes' protobuf encoding (the `k8s\0` envelope around a runtime.Unknown) into the JSON object the
 * API server would hold, for the request bodies kubectl's typed clients send. Schemas come from proto-schema.ts.
 */
import { MESSAGES, ROOTS } from './proto-schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: decoded objects are arbitrary JSON
type Any = any;

interface Field {
  name: string;
  kind: string;
  repeated: boolean;
  inline: boolean;
  keepZero: boolean;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const schemas = new Map<string, Map<number, Field>>();

function schema(message: string): Map<number, Field> | undefined {
  let s = schemas.get(message);
  if (s) return s;
  const text = MESSAGES[message];
  if (text === undefined) return undefined;
  s = new Map();
  for (const spec of text.split(' ').filter(Boolean)) {
    const [num, name, kind, flags = ''] = spec.split(':') as [string, string, string, string?];
    s.set(Number(num), {
      name,
      kind,
      repeated: flags.includes('r'),
      inline: flags.includes('n'),
      keepZero: flags.includes('z'),
    });
  }
  schemas.set(message, s);
  return s;
}

export class ProtobufError extends Error {}

/** One field as read from the wire: its number, wire type and raw value. */
interface WireField {
  num: number;
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

function* wireFields(buf: Buffer): Generator<WireField> {
  let pos = 0;
  const varint = (): bigint => {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new ProtobufError('truncated varint');
      const b = buf[pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
      shift += 7n;
    }
  };
  const take = (n: number): Buffer => {
    if (pos + n > buf.length) throw new ProtobufError('truncated field');
    const out = buf.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const num = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) yield { num, wire, varint: varint() };
    else if (wire === 1) yield { num, wire, bytes: take(8) };
    else if (wire === 2) yield { num, wire, bytes: take(Number(varint())) };
    else if (wire === 5) yield { num, wire, bytes: take(4) };
    else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
}

/** The fields of a small fixed message (Time, IntOrString...) by number. */
function plain(buf: Buffer): Map<number, WireField> {
  const out = new Map<number, WireField>();
  for (const f of wireFields(buf)) out.set(f.num, f);
  return out;
}

const int = (f: WireField | undefined, bits: 32 | 64): number =>
  f?.varint === undefined ? 0 : Number(BigInt.asIntN(bits, f.varint));
const str = (f: WireField | undefined): string => f?.bytes?.toString('utf8') ?? '';

/** A metav1.Time as Go's JSON writes it: RFC 3339 in UTC, seconds (or microseconds) precision; null when zero. */
function time(buf: Buffer, micro: boolean): string | null {
  const m = plain(buf);
  const seconds = int(m.get(1), 64);
  const nanos = int(m.get(2), 32);
  if (!seconds && !nanos) return null;
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

/** A metav1.Duration as Go's time.Duration.String() writes it (1h2m3s, 1.5s, 0s). */
function duration(buf: Buffer): string {
  const ns = int(plain(buf).get(1), 64);
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  const h = Math.floor(rest / 3.6e12);
  rest -= h * 3.6e12;
  const m = Math.floor(rest / 6e10);
  rest -= m * 6e10;
  const s = `${Number((rest / 1e9).toFixed(9))}s`;
  return `${sign}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}`;
}

function scalar(kind: string, f: WireField): unknown {
  switch (kind) {
    case 's':
      return str(f);
    case 'y':
      return (f.bytes ?? Buffer.alloc(0)).toString('base64');
    case 'b':
      return f.varint !== undefined && f.varint !== 0n;
    case 'i':
      return int(f, 32);
    case 'l':
      return int(f, 64);
    case 'd':
      return f.bytes ? f.bytes.readDoubleLE(0) : 0;
  }
  return special(kind, f.bytes ?? Buffer.alloc(0));
}

function special(kind: string, buf: Buffer): unknown {
  switch (kind) {
    case 'T':
    case 'U':
      return time(buf, kind === 'U');
    case 'I': {
      const m = plain(buf);
      return int(m.get(1), 64) === 1 ? str(m.get(3)) : int(m.get(2), 32);
    }
    case 'Q':
      return str(plain(buf).get(1));
    case 'D':
      return duration(buf);
    case 'R':
    case 'F': {
      const raw = plain(buf).get(1)?.bytes;
      return raw?.length ? JSON.parse(raw.toString('utf8')) : null;
    }
    case 'E':
      return [...wireFields(buf)].filter((f) => f.num === 1).map(str);
  }
  if (kind.startsWith('M')) return decodeMessage(kind.slice(1), buf);
  throw new ProtobufError(`unknown field kind ${kind}`);
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

function mapEntry(kind: string, buf: Buffer): [string, unknown] {
  const m = [...wireFields(buf)];
  const key = str(m.find((f) => f.num === 1));
  const value = m.find((f) => f.num === 2);
  return [key, value ? scalar(kind, value) : scalar(kind, { num: 2, wire: 2, bytes: Buffer.alloc(0) })];
}

function push(out: Any, name: string, v: unknown): void {
  if (!Array.isArray(out[name])) out[name] = [];
  out[name].push(v);
}

function decodeMessage(message: string, buf: Buffer): Any {
  const fields = schema(message);
  if (!fields) throw new ProtobufError(`no schema for ${message}`);
  const out: Any = {};
  for (const f of wireFields(buf)) {
    const field = fields.get(f.num);
    if (!field) continue; // a field newer than this schema: the API server of that age would drop it too
    if (field.kind.startsWith('{')) {
      const [k, v] = mapEntry(field.kind.slice(1), f.bytes ?? Buffer.alloc(0));
      out[field.name] = { ...(out[field.name] ?? {}), [k]: v };
    } else if (field.repeated && f.wire === 2 && 'ibl'.includes(field.kind)) {
      // packed repeated numbers
      for (const p of wireFields(packedAsVarints(f.bytes!))) push(out, field.name, scalar(field.kind, p));
    } else {
      const v = scalar(field.kind, f);
      if (field.repeated) push(out, field.name, v);
      else if (field.inline) Object.assign(out, v);
      else if (field.keepZero || !isZero(v)) out[field.name] = v;
    }
  }
  return out;
}

/** Packed varints re-read as a sequence of field-1 varints, so that one reader serves both encodings. */
function packedAsVarints(buf: Buffer): Buffer {
  const out: number[] = [];
  let start = true;
  for (const b of buf) {
    if (start) out.push(0x08);
    out.push(b);
    start = !(b & 0x80);
  }
  return Buffer.from(out);
}

export function isProtobuf(body: Buffer): boolean {
  return body.length >= MAGIC.length && body.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Whether the sim can decode a protobuf body of this type. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return ROOTS[kind]?.includes(apiVersion) ?? false;
}

/** The type an enveloped protobuf body names, and the bytes of the object. */
export function envelope(body: Buffer): { apiVersion: string; kind: string; raw: Buffer } {
  if (!isProtobuf(body)) throw new ProtobufError('missing the k8s protobuf envelope');
  const unknown = plain(body.subarray(MAGIC.length));
  const typeMeta = plain(unknown.get(1)?.bytes ?? Buffer.alloc(0));
  return {
    apiVersion: str(typeMeta.get(1)),
    kind: str(typeMeta.get(2)),
    raw: unknown.get(2)?.bytes ?? Buffer.alloc(0),
  };
}

/** A protobuf request body as the JSON object it encodes, with its apiVersion and kind. */
export function decodeProtobuf(body: Buffer): Any {
  const { apiVersion, kind, raw } = envelope(body);
  return { apiVersion, kind, ...decodeMessage(kind, raw) };
}
