/**
 * A second runbook, built from the built-in plan's data with every word of it replaced: namespace
 * `billing`, three apps `a`, `b`, `c` with their own names, labels, colour label, ports, replica counts,
 * metric labels and critical paths. Whatever of the built-in plan shows up in a run on it came from code.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinPlan } from '@runbook/core';

/** Words of the built-in plan that no run on another runbook may print. */
export const PLAN_WORDS = /topsteel|marketplace|\/api\/products|\/api\/payments|payments/i;

const WORDS: Array<[RegExp, string | ((m: string, app: string) => string)]> = [
  [/topsteel-marketplace/g, 'billing'],
  [/marketplace-(api|web)-blue/g, (_m, a) => `bill-${a === 'api' ? 'a' : 'b'}-previous`],
  [/marketplace-(api|web)-service/g, (_m, a) => `bill-${a === 'api' ? 'a' : 'b'}-svc`],
  [/marketplace-(api|web)/g, (_m, a) => `bill-${a === 'api' ? 'a' : 'b'}`],
  [/TopSteel/g, 'Acme'],
  [/topsteel/g, 'acme'],
  [/Marketplace/g, 'Billing'],
  [/marketplace/g, 'billing'],
  [/\/api\/products/g, '/v1/invoices'],
  [/\/api\/payments/g, '/v1/charges'],
  [/Payments/g, 'Charges'],
  [/payments/g, 'charges'],
];

function rename(value: unknown): unknown {
  if (typeof value === 'string') return WORDS.reduce((s, [re, to]) => s.replace(re, to as string), value);
  if (Array.isArray(value)) return value.map(rename);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
  return value;
}

export const BILLING_APPS = ['a', 'b', 'c'] as const;

export function billingPlan(): Record<string, any> {
  const plan = rename(structuredClone(builtinPlan)) as Record<string, any>;
  const meta = plan.meta;
  meta.namespace = 'billing';
  meta.service = 'billing';
  meta.stableVersion = 'v2.1.0';
  meta.appVersions = [
    { version: 'v2.0.0', lastMigration: 'CreateInvoices1702000000000' },
    { version: 'v2.1.0', lastMigration: 'AddChargeStatus1704000000000' },
    { version: 'v2.2.0', lastMigration: 'AddCreditNotes1705000000000' },
  ];
  meta.environments.production.healthUrls = null;
  meta.environments.production.metricsUrls = null;
  meta.apps = BILLING_APPS.map((id, i) => ({
    id,
    label: { fr: `Appli ${id}`, en: `App ${id}` },
    deployment: `bill-${id}`,
    blueDeployment: `bill-${id}-previous`,
    service: `bill-${id}-svc`,
    container: `${id}-main`,
    image: `registry.example.com/billing/${id}`,
    healthPath: '/-/healthy',
    colorLabel: 'track',
    port: 4000 + i,
    replicas: i + 1,
    labels: { 'app.kubernetes.io/name': `bill-${id}` },
    metricLabels: { service: 'billing', component: id },
    criticalPath:
      id === 'a'
        ? [
            { name: 'invoice list', path: '/v1/invoices' },
            { name: 'charge', path: '/v1/charges', method: 'POST', payment: true },
          ]
        : [{ name: `${id} status`, path: `/v1/${id}/status` }],
  }));
  return plan;
}

/** Writes the billing runbook as JSON into `dir`; returns its path. */
export async function writeBillingRunbook(dir: string): Promise<string> {
  const file = join(dir, 'billing.json');
  await writeFile(file, JSON.stringify(billingPlan(), null, 2));
  return file;
}
