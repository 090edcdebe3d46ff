/**
 * /openapi/v2 and /openapi/v3 from the real Kubernetes 1.32 schemas (openapi/swagger.json.gz, the upstream
 * swagger.json trimmed to the served kinds by openapi/trim.mjs). kubectl explain reads the schemas; kubectl
 * create/apply/replace read the PATCH operations, whose `fieldValidation` parameter makes them leave field
 * validation to the server.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { GROUP_VERSIONS, RESOURCES } from './resources.ts';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are arbitrary JSON
type Any = any;

const VERSION = 'v1.32.4';
/** Beside the sources; from a bundle (the CLI's dist/), through the package's export of it. */
function specFile(): string {
  const local = join(import.meta.dirname, '..', 'openapi', 'swagger.json.gz');
  return existsSync(local)
    ? local
    : fileURLToPath(import.meta.resolve('@runbook/sim/openapi/swagger.json.gz'));
}

let swagger: Any;
/** The vendored v2 document, read once, on first use: most runs never ask for it. */
function v2(): Any {
  swagger ??= JSON.parse(gunzipSync(readFileSync(specFile())).toString('utf8'));
  return swagger;
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const servedGroupVersions = () => [{ group: '', version: 'v1' }, ...GROUP_VERSIONS];

let v2Text: string | undefined;

/**
 * GET /openapi/v2, negotiated as kube-openapi does: JSON when the client takes it; 406 otherwise, where a real
 * server would send the protobuf form, which the sim does not encode (client-go's discovery asks only for it).
 */
export function openApiV2Response(accept: string | undefined, res: ServerResponse): void {
  const types = (accept || '*/*').split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  if (!types.some((t) => t === 'application/json' || t === 'application/*' || t === '*/*')) {
    res.writeHead(406, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('406 Not Acceptable\n');
  }
  v2Text ??= JSON.stringify({ ...v2(), info: { title: 'Kubernetes', version: VERSION } });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(v2Text) });
  res.end(v2Text);
}

/** OpenAPI 3.0 forbids siblings of `$ref`: v3 wraps the ref in allOf, as kube-openapi's converter does. */
function toV3(value: Any): Any {
  if (Array.isArray(value)) return value.map(toV3);
  if (!value || typeof value !== 'object') return value;
  const out: Any = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' ? String(v).replace('#/definitions/', '#/components/schemas/') : toV3(v);
  }
  if (out.$ref && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { allOf: [{ $ref }], ...rest };
  }
  return out;
}

/** The schemas of a group-version's kinds, and of a patch, and every schema they reach. */
function schemasOf(group: string, version: string): Record<string, Any> {
  const defs = v2().definitions as Record<string, Any>;
  const out: Record<string, Any> = {};
  const kinds = Object.keys(defs).filter((name) =>
    (defs[name]['x-kubernetes-group-version-kind'] ?? []).some(
      (g: Any) => g.group === group && g.version === version,
    ),
  );
  // The body of the PATCH operations.
  const stack = [PATCH, ...kinds];
  while (stack.length) {
    const name = stack.pop()!;
    if (out[name] || !defs[name]) continue;
    out[name] = toV3(defs[name]);
    for (const m of JSON.stringify(defs[name]).matchAll(/"#\/definitions\/([^"]+)"/g)) stack.push(m[1]!);
  }
  return out;
}

const SCHEMAS = '#/components/schemas/';
const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

function patchOperations(group: string, version: string): Record<string, object> {
  const paths: Record<string, object> = {};
  for (const r of RESOURCES.filter((x) => x.group === group && x.version === version)) {
    const base = `/${gvPath(r.group, r.version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.name}/{name}`;
    paths[base] = {
      patch: {
        operationId: `patch${r.kind}`,
        parameters: ['dryRun', 'fieldManager', 'fieldValidation'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string', uniqueItems: true },
        })),
        // kubectl apply computes a strategic merge patch from these schemas only when the operation says it takes one.
        requestBody: {
          content: Object.fromEntries(
            PATCH_TYPES.map((t) => [t, { schema: { $ref: `${SCHEMAS}${PATCH}` } }]),
          ),
          required: true,
        },
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
      },
    };
  }
  return paths;
}

const documents = new Map<string, object>();

/** Changes whenever the vendored spec does: kubectl keeps v3 documents in its cache by this hash. */
const hashes = new Map<string, string>();
function hashOf(path: string): string {
  let hash = hashes.get(path);
  if (!hash) {
    hash = createHash('sha512').update(readFileSync(specFile())).update(path).digest('hex').toUpperCase();
    hashes.set(path, hash);
  }
  return hash;
}

export function openApiRoot(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of servedGroupVersions()) {
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(p)}` };
  }
  return { paths };
}

/** The v3 document of one group-version (`apis/apps/v1`). */
export function openApiGroupVersion(path: string): object | undefined {
  const gv = servedGroupVersions().find((g) => gvPath(g.group, g.version) === path);
  if (!gv) return undefined;
  let doc = documents.get(path);
  if (!doc) {
    doc = {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: VERSION },
      paths: patchOperations(gv.group, gv.version),
      components: { schemas: schemasOf(gv.group, gv.version) },
    };
    documents.set(path, doc);
  }
  return doc;
}
