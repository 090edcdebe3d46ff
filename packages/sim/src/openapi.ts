/**
 * A minimal OpenAPI v3: one PATCH operation per kind that declares the `fieldValidation` parameter.
 * kubectl create/apply/replace read it to choose server-side field validation, and then need no schemas.
 */
import { GROUP_VERSIONS, RESOURCES } from './resources.ts';

const HASH = 'sim';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openApiRoot(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of [{ group: '', version: 'v1' }, ...GROUP_VERSIONS]) {
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${HASH}` };
  }
  return { paths };
}

export function openApiGroupVersion(path: string): object | undefined {
  const gv = [{ group: '', version: 'v1' }, ...GROUP_VERSIONS].find(
    (g) => gvPath(g.group, g.version) === path,
  );
  if (!gv) return undefined;
  const paths: Record<string, object> = {};
  for (const r of RESOURCES.filter((x) => x.group === gv.group && x.version === gv.version)) {
    const base = `/${gvPath(r.group, r.version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.name}/{name}`;
    paths[base] = {
      patch: {
        operationId: `patch${r.kind}`,
        parameters: [
          { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas: {} },
  };
}
