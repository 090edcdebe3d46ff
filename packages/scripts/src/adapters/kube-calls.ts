/**
 * The exact API requests the mutating steps send, with the kubectl command a person would type instead.
 * The adapter sends these bodies and `--dry-run` prints them, so what is shown is what would be done.
 */

/** One API request, described for people and for the adapter. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  contentType?: string;
  body?: unknown;
  /** The manual equivalent, typed by a person when the tool is unavailable. */
  kubectl: string;
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

/** Quotes one shell word for the printed manual command (never executed by us). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const deploymentPath = (ns: string, name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;

/** Merge patch of a Service's selector: the keys given are set, `null` removes one. */
export function patchServiceSelectorCall(
  ns: string,
  service: string,
  selector: Record<string, string | null>,
): ApiCall {
  const body = { spec: { selector } };
  return {
    method: 'PATCH',
    path: `/api/v1/namespaces/${ns}/services/${service}`,
    contentType: MERGE_PATCH,
    body,
    kubectl: `kubectl patch service ${service} -n ${ns} --type merge -p ${shellQuote(JSON.stringify(body))}`,
  };
}

/** `kubectl rollout undo`: a JSON patch replacing the template and the annotations. */
export function rolloutUndoCall(
  ns: string,
  deployment: string,
  template: unknown,
  annotations: Record<string, string>,
  toRevision: number,
): ApiCall {
  return {
    method: 'PATCH',
    path: deploymentPath(ns, deployment),
    contentType: JSON_PATCH,
    body: [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
    kubectl: `kubectl rollout undo deployment/${deployment} -n ${ns} --to-revision=${toRevision}`,
  };
}

/** `kubectl set image`: a strategic merge patch of one container, merged by name. */
export function setImageCall(
  ns: string,
  deployment: string,
  container: string,
  image: string,
  /** Names of all the pod's containers, in order, as kubectl sends them. */
  containerOrder: string[] = [container],
): ApiCall {
  const spec = {
    '$setElementOrder/containers': containerOrder.map((name) => ({ name })),
    containers: [{ image, name: container }],
  };
  return {
    method: 'PATCH',
    path: deploymentPath(ns, deployment),
    contentType: STRATEGIC_MERGE_PATCH,
    body: { spec: { template: { spec } } },
    kubectl: `kubectl set image deployment/${deployment} ${shellQuote(`${container}=${image}`)} -n ${ns}`,
  };
}

/** `kubectl scale`: a merge patch of the scale subresource. */
export function scaleCall(ns: string, deployment: string, replicas: number): ApiCall {
  return {
    method: 'PATCH',
    path: `${deploymentPath(ns, deployment)}/scale`,
    contentType: MERGE_PATCH,
    body: { spec: { replicas } },
    kubectl: `kubectl scale deployment ${deployment} --replicas=${replicas} -n ${ns}`,
  };
}

/** Renders a call as the lines `--dry-run` prints. */
export function describeCall(call: ApiCall): string[] {
  const lines = [`${call.method} ${call.path}${call.contentType ? `  (${call.contentType})` : ''}`];
  if (call.body !== undefined) lines.push(`  ${JSON.stringify(call.body)}`);
  lines.push(`  manual: ${call.kubectl}`);
  return lines;
}
