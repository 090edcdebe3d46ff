/**
 * Field validation (`fieldValidation=Strict|Warn|Ignore`): fields the served kinds do not declare are an error, a
 * warning, or silently dropped, as the API server's strict decoding does. The fields of each kind come from
 * @kubernetes/client-node's generated models, which walk the whole type tree of the Kubernetes API.
 */
import { isPlainObject } from './_json.ts';
import { ApiError, badRequest } from './errors.ts';
import { keysOf } from './json-duplicates.ts';
import type { ResourceType } from './resources.ts';
import type { KObject } from './types.ts';

export type Directive = 'Strict' | 'Warn' | 'Ignore';

interface Attribute {
  baseName: string;
  type: string;
}
interface Model {
  getAttributeTypeMap(): Attribute[];
}

let models: Record<string, Model | undefined> = {};

/**
 * Loads client-node's models, once, before the sim serves (startSimCluster awaits it). From the module that
 * re-exports every model, which the API clients load anyway, not from the package's index: a bundle holding
 * the sim (the CLI's) would otherwise put all of client-node, its ~60 API groups too, in the chunk every
 * cluster command loads, where the procedures use four of them.
 */
export async function loadFieldModels(): Promise<void> {
  const all = await import('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js');
  models = all as unknown as Record<string, Model | undefined>;
}
const fieldsOf = new Map<string, Map<string, string> | undefined>();

function fields(type: string): Map<string, string> | undefined {
  if (!fieldsOf.has(type)) {
    const model = models[type];
    const map =
      typeof model?.getAttributeTypeMap === 'function'
        ? new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]))
        : undefined;
    fieldsOf.set(type, map);
  }
  return fieldsOf.get(type);
}

/** The client-node model of a served kind: `V1Deployment`, `EventsV1Event`. */
export function modelOf(r: ResourceType): string {
  const version = r.version.charAt(0).toUpperCase() + r.version.slice(1);
  return r.group === 'events.k8s.io' ? `Events${version}${r.kind}` : `${version}${r.kind}`;
}

interface Unknown {
  path: string;
  parent: Record<string, unknown>;
  key: string;
}

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

function walk(type: string, v: unknown, path: string, out: Unknown[]): void {
  const array = ARRAY.exec(type);
  if (array) {
    if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(array[1]!, x, `${path}[${i}]`, out);
    return;
  }
  const map = MAP.exec(type);
  if (map) {
    if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(map[1]!, x, `${path}.${k}`, out);
    return;
  }
  const known = fields(type);
  if (!known || !isPlainObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    const p = path ? `${path}.${k}` : k;
    const t = known.get(k);
    if (t === undefined) out.push({ path: p, parent: v, key: k });
    else walk(t, x, p, out);
  }
}

/** The paths (`spec.replicass`, `spec.template.spec.containers[0].imagee`) of fields `obj`'s kind does not declare. */
export function unknownFields(r: ResourceType, obj: unknown): Unknown[] {
  const out: Unknown[] = [];
  walk(modelOf(r), obj, '', out);
  return out;
}

export function directiveOf(value: string | null | undefined): Directive {
  // The API server's default when the client sends none.
  if (!value) return 'Warn';
  const d = value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
  if (d === 'Strict' || d === 'Warn' || d === 'Ignore') return d;
  throw badRequest(
    `fieldValidation: Unsupported value: "${value}": supported values: "Ignore", "Strict", "Warn"`,
  );
}

/** How the request carried the object: a body decoded whole (create, update), or a patch applied to the live object. */
export type Decoding = 'body' | 'patch';

function under(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

/**
 * What strict decoding reports, in its order: for a body, unknown and duplicate fields as the decoder meets them;
 * for a patch, the patch's duplicate fields, then the patched object's unknown fields, sorted.
 */
function problems(found: Unknown[], text: string | undefined, decoding: Decoding): string[] {
  const keys = text ? keysOf(text) : [];
  const dupes = keys.filter((k) => k.duplicate);
  if (decoding === 'patch') {
    return [
      ...dupes.map((d) => `duplicate field "${d.path}"`),
      ...found.map((u) => `unknown field "${u.path}"`).sort(),
    ];
  }
  const firstPos = new Map<string, number>();
  for (const k of keys) if (!firstPos.has(k.path)) firstPos.set(k.path, k.pos);
  const all = [
    ...found.map((u) => ({ pos: firstPos.get(u.path) ?? 0, text: `unknown field "${u.path}"` })),
    ...dupes
      .filter((d) => !found.some((u) => under(d.path, u.path)))
      .map((d) => ({ pos: d.pos, text: `duplicate field "${d.path}"` })),
  ];
  return all.sort((a, b) => a.pos - b.pos).map((p) => p.text);
}

/**
 * Checks `obj` (decoded from `text`, when known) under `directive`: Strict throws the API server's BadRequest, Warn
 * reports each problem through `warn` and drops unknown fields, Ignore drops them. Fields the `live` object already
 * has are not the client's doing (the sim's own controllers may keep extra ones) and pass.
 */
export function validateFields(
  r: ResourceType,
  obj: KObject,
  directive: Directive,
  decoding: Decoding,
  warn: (message: string) => void,
  text?: string,
  live?: KObject,
): void {
  let found = unknownFields(r, obj);
  if (found.length && live) {
    const kept = new Set(unknownFields(r, live).map((u) => u.path));
    found = found.filter((u) => !kept.has(u.path));
  }
  const list = directive === 'Ignore' ? [] : problems(found, text, decoding);
  if (directive === 'Strict' && list.length) {
    const strict = `strict decoding error: ${list.join(', ')}`;
    throw badRequest(
      decoding === 'body'
        ? `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: ${strict}`
        : strict,
    );
  }
  if (directive === 'Warn') for (const m of list) warn(m);
  dropAll(found);
}

function dropAll(found: Unknown[]): void {
  for (const u of found) delete u.parent[u.key];
}
/** Server-side apply builds a typed object from the configuration, and that fails on any undeclared field. */
export function validateApplied(r: ResourceType, cfg: KObject, namespace: string | undefined): void {
  const found = unknownFields(r, cfg);
  if (!found.length) return;
  const errors = found.map((u) => `.${u.path}: field not declared in schema`);
  const gv = r.group ? `${r.group}/${r.version}` : `/${r.version}`;
  const what = `(${namespace ?? ''}/${cfg.metadata.name ?? ''}; ${gv}, Kind=${r.kind})`;
  const detail = errors.length === 1 ? errors[0] : `errors:\n  ${errors.join('\n  ')}`;
  throw new ApiError(500, '', `failed to create typed patch object ${what}: ${detail}`);
}
