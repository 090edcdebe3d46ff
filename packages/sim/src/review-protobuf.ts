/**
 * kubectl's `auth can-i` and `auth whoami` send their reviews as Kubernetes protobuf (`k8s\0` + a
 * runtime.Unknown wrapping the object). This reads the few fields of the reviews into their JSON shape.
 * Field numbers from staging/src/k8s.io/api/authorization/v1/generated.proto.
 */
import { badRequest } from './errors.ts';

type Fields = Map<number, Array<Buffer | number>>;

function varint(buf: Buffer, at: { i: number }): number {
  let v = 0;
  let shift = 0;
  for (;;) {
    if (at.i >= buf.length) throw badRequest('truncated protobuf body');
    const b = buf[at.i++]!;
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return v;
    shift += 7;
  }
}

/** The fields of one message: length-delimited ones as bytes, varints as numbers. */
function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  const at = { i: 0 };
  while (at.i < buf.length) {
    const key = varint(buf, at);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) value = varint(buf, at);
    else if (wire === 2) {
      const len = varint(buf, at);
      value = buf.subarray(at.i, at.i + len);
      at.i += len;
    } else throw badRequest(`unsupported protobuf wire type ${wire}`);
    const n = Math.floor(key / 8);
    out.set(n, [...(out.get(n) ?? []), value]);
  }
  return out;
}

const bytes = (f: Fields, n: number): Buffer | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v : undefined;
};
const text = (f: Fields, n: number): string | undefined => bytes(f, n)?.toString('utf8');

function strings(buf: Buffer | undefined, names: readonly string[]): Record<string, string> | undefined {
  if (!buf) return undefined;
  const f = fields(buf);
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    const v = text(f, i + 1);
    if (v !== undefined) out[name] = v;
  });
  return out;
}

const RESOURCE_ATTRIBUTES = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];

/** The object inside a `k8s\0` envelope, as JSON: apiVersion, kind and the spec of a review. */
export function decodeReview(body: Buffer): Record<string, unknown> {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw badRequest('not a Kubernetes protobuf body');
  const unknown = fields(body.subarray(4));
  const typeMeta = strings(bytes(unknown, 1), ['apiVersion', 'kind']) ?? {};
  const object = fields(bytes(unknown, 2) ?? Buffer.alloc(0));
  const specBytes = bytes(object, 2);
  let spec: Record<string, unknown> = {};
  if (typeMeta.kind === 'SelfSubjectAccessReview' && specBytes) {
    const s = fields(specBytes);
    const ra = strings(bytes(s, 1), RESOURCE_ATTRIBUTES);
    const nra = strings(bytes(s, 2), ['path', 'verb']);
    spec = { ...(ra ? { resourceAttributes: ra } : {}), ...(nra ? { nonResourceAttributes: nra } : {}) };
  } else if (typeMeta.kind === 'SelfSubjectRulesReview' && specBytes) {
    spec = strings(specBytes, ['namespace']) ?? {};
  }
  return { ...typeMeta, metadata: {}, spec };
}
