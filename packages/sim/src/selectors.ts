/** Label and field selectors, in their query-string and LabelSelector forms. */
import { badRequest } from './errors.ts';
import { FIELD_LABELS, selectableField } from './field-labels.ts';
import type { ResourceType } from './resources.ts';
import type { KObject } from './types.ts';

type Requirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export type Matcher = (labels: Record<string, string> | undefined) => boolean;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseRequirement(part: string): Requirement {
  let m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (m) {
    const values = m[3]!
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    return { key: m[1]!, op: m[2] as 'in' | 'notin', values };
  }
  m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part);
  if (m) return { key: m[1]!, op: m[2] === '!=' ? 'neq' : 'eq', value: m[3]! };
  m = /^(!?)([\w./-]+)$/.exec(part);
  if (m) return { key: m[2]!, op: m[1] ? 'notexists' : 'exists' };
  throw badRequest(`unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
}

function matches(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.op) {
    case 'eq':
      return has && value === req.value;
    case 'neq':
      return !has || value !== req.value;
    case 'in':
      return has && req.values.includes(value!);
    case 'notin':
      return !has || !req.values.includes(value!);
    case 'exists':
      return has;
    case 'notexists':
      return !has;
  }
}

export function parseLabelSelector(text: string | null | undefined): Matcher {
  if (!text) return () => true;
  const reqs = splitTopLevel(text).map(parseRequirement);
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** A LabelSelector object; an empty or missing one matches nothing, as for a Service without selector. */
export function labelSelectorMatcher(sel: LabelSelector | undefined, emptyMatchesAll = false): Matcher {
  if (!sel || (!sel.matchLabels && !sel.matchExpressions)) return () => emptyMatchesAll;
  const reqs: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, value]) => ({
    key,
    op: 'eq',
    value,
  }));
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') reqs.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists') reqs.push({ key: e.key, op: 'exists' });
    else if (op === 'doesnotexist') reqs.push({ key: e.key, op: 'notexists' });
  }
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

/** `app=x,version=green` from a LabelSelector, as in Scale.status.selector. */
export function selectorString(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

export type ObjectMatcher = (obj: KObject) => boolean;

/** `metadata.name=x,status.phase!=Running`, checked against the labels the resource supports. */
export function parseFieldSelector(text: string | null | undefined, r: ResourceType): ObjectMatcher {
  if (!text) return () => true;
  const reqs = splitTopLevel(text).map((part) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    const label = fieldLabel(r, m[1]!);
    return { field: selectableField(label), neq: m[2] === '!=', value: m[3]! };
  });
  return (obj) =>
    reqs.every((q) => {
      const v = q.field(obj);
      return q.neq ? v !== q.value : v === q.value;
    });
}

/** The label as the resource's field label conversion accepts it; throws the API server's 400 otherwise. */
function fieldLabel(r: ResourceType, label: string): string {
  const own = FIELD_LABELS[`${r.group}/${r.kind}`];
  if (!own) {
    if (label === 'metadata.name' || label === 'metadata.namespace') return label;
    throw badRequest(`"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  if (r.kind === 'Pod' && label === 'spec.host') return 'spec.nodeName';
  if (!own.includes(label)) throw badRequest(`field label not supported: ${label}`);
  return label;
}
