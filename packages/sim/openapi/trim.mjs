#!/usr/bin/env node
/**
 * Trims the upstream Kubernetes OpenAPI v2 document (api/openapi-spec/swagger.json of a release) to what the sim
 * serves, and writes it gzipped beside this script as swagger.json.gz, the source the sim's /openapi/v2 and
 * /openapi/v3 answer from (see ../README.md, "OpenAPI").
 *
 *   node --import tsx packages/sim/openapi/trim.mjs path/to/swagger.json
 *
 * Kept: the paths of the served resources and subresources (not the deprecated /watch/ paths), the definitions
 * and shared parameters they reach, and the definitions of the served kinds with everything they reach.
 * Nothing is rewritten: each kept entry is the upstream one, byte for byte once parsed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { RESOURCES } from '../src/resources.ts';

/** Kinds being added to the sim in parallel work; kept so the spec need not be trimmed again for them. */
const COMING = [
  { group: 'events.k8s.io', version: 'v1', name: 'events', kind: 'Event' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', name: 'roles', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', name: 'rolebindings', kind: 'RoleBinding' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', name: 'clusterroles', kind: 'ClusterRole' },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    name: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    name: 'selfsubjectaccessreviews',
    kind: 'SelfSubjectAccessReview',
  },
  { group: 'authentication.k8s.io', version: 'v1', name: 'selfsubjectreviews', kind: 'SelfSubjectReview' },
];

const SERVED = [...RESOURCES, ...COMING];

function served(group, version, name) {
  return SERVED.find((r) => r.group === group && r.version === version && r.name === name);
}

/** Whether an upstream path is one the sim answers: `/api/v1/namespaces/{namespace}/pods/{name}/log`... */
function keepPath(path) {
  const segs = path.split('/').filter(Boolean);
  const core = segs[0] === 'api';
  if (!core && segs[0] !== 'apis') return false;
  const [group, version] = core ? ['', segs[1]] : [segs[1], segs[2]];
  let rest = segs.slice(core ? 2 : 3);
  if (rest[0] === 'namespaces' && rest[1] === '{namespace}' && rest.length >= 3) rest = rest.slice(2);
  const r = served(group, version, rest[0]);
  if (!r || rest.length <= 2) return !!r;
  return (r.subresources ?? []).includes(rest[2]);
}

/** Every `$ref` reached from `value`, followed through definitions and parameters. */
function collect(doc, value, defs, params) {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string') {
          const [, where, name] = x.split('/');
          const into = where === 'definitions' ? defs : params;
          if (!into.has(name)) {
            into.set(name, doc[where][name]);
            stack.push(doc[where][name]);
          }
        } else stack.push(x);
      }
    }
  }
}

function isServedKind(schema) {
  return (schema['x-kubernetes-group-version-kind'] ?? []).some((gvk) =>
    SERVED.some((r) => r.group === gvk.group && r.version === gvk.version && r.kind === gvk.kind),
  );
}

const source = process.argv[2];
if (!source) {
  console.error('usage: node --import tsx packages/sim/openapi/trim.mjs path/to/swagger.json');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(source, 'utf8'));
const paths = Object.fromEntries(Object.entries(doc.paths).filter(([p]) => keepPath(p)));
const defs = new Map();
const params = new Map();
for (const [name, schema] of Object.entries(doc.definitions)) {
  if (isServedKind(schema) && !defs.has(name)) {
    defs.set(name, schema);
    collect(doc, schema, defs, params);
  }
}
collect(doc, paths, defs, params);
const sorted = (m) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
const trimmed = {
  definitions: sorted(defs),
  info: doc.info,
  parameters: sorted(params),
  paths,
  security: doc.security,
  securityDefinitions: doc.securityDefinitions,
  swagger: doc.swagger,
};
const out = join(dirname(fileURLToPath(import.meta.url)), 'swagger.json.gz');
writeFileSync(out, gzipSync(JSON.stringify(trimmed), { level: 9 }));
const missing = SERVED.filter(
  (r) =>
    ![...defs.values()].some(
      (s) => isServedKind(s) && s['x-kubernetes-group-version-kind'].some((g) => g.kind === r.kind),
    ),
);
console.log(
  `${out}: ${Object.keys(paths).length} paths, ${defs.size} definitions, ${params.size} parameters` +
    (missing.length ? `; no schema for ${missing.map((r) => r.kind).join(', ')}` : ''),
);
