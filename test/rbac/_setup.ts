/** An RBAC sim of the built-in runbook, the Role `runbook rbac` prints, and the procedures run as its subject. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { type KubeAccess, LEASE_NAME, requiredAccess, roleYaml, rulesOf } from '@runbook/scripts';
import { requestAttributes, type SimCluster } from '@runbook/sim';
import { parse, stringify } from 'yaml';
import { type CliResult, runCli, runProcess } from '../helpers/cli.ts';
import { startRunbookSim } from '../helpers/sim.ts';

export const NS = defaultRunbook().meta.namespace;
/** The subject `runbook rbac` binds by default: the namespace's ServiceAccount "runbook". */
export const SUBJECT = `system:serviceaccount:${NS}:runbook`;

/**
 * Every procedure that talks to Kubernetes, as a person runs it. `staleLease` leaves a dead holder's Lease
 * first, so that taking the lock replaces it (PUT) instead of creating it.
 */
export interface Procedure {
  name: string;
  args: string[];
  staleLease?: boolean;
  /** A rollback is run first by the admin; its incident's id replaces RECORDED in `args`. */
  recorded?: boolean;
}

/** Stands in `args` for the id of the incident the admin recorded first. */
export const RECORDED = '<recorded incident>';

export const PROCEDURES: readonly Procedure[] = [
  { name: 'capture-state', args: ['capture-state'] },
  { name: 'verify', args: ['verify'] },
  { name: 'rollback blue-green', args: ['rollback', 'blue-green', '--yes'] },
  { name: 'rollback native', args: ['rollback', 'native', '--yes'], staleLease: true },
  { name: 'rollback version', args: ['rollback', 'version', defaultRunbook().meta.stableVersion, '--yes'] },
  { name: 'emergency', args: ['emergency', '--yes'] },
  { name: 'status', args: ['status'] },
  { name: 'status --incident', args: ['status', '--incident', RECORDED], recorded: true },
];

export function rbacSim(): Promise<SimCluster> {
  return startRunbookSim(defaultRunbook(), { rbac: { users: [SUBJECT] }, readyDelayMs: 100, traffic: 5 });
}

/** kubectl as the sim's admin (context `sim`). */
export async function kubectlAdmin(sim: SimCluster, args: string[], input?: string): Promise<CliResult> {
  return runProcess('/usr/bin/kubectl', ['--kubeconfig', sim.kubeconfig, ...args], {
    env: { ...process.env, KUBECONFIG: '' },
    input,
  });
}

export async function applyAsAdmin(sim: SimCluster, yaml: string): Promise<void> {
  const file = join(await mkdtemp(join(tmpdir(), 'runbook-rbac-')), 'role.yaml');
  await writeFile(file, yaml);
  const r = await kubectlAdmin(sim, ['apply', '-f', file]);
  if (r.code !== 0) throw new Error(`kubectl apply failed: ${r.stderr}`);
}

/** A Lease held by a process that stopped renewing it long ago. */
export async function leaveStaleLease(sim: SimCluster): Promise<void> {
  const lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: LEASE_NAME, namespace: NS },
    spec: {
      holderIdentity: 'gone@elsewhere',
      acquireTime: '2020-01-01T00:00:00.000000Z',
      renewTime: '2020-01-01T00:00:00.000000Z',
      leaseDurationSeconds: 1,
    },
  };
  await applyAsAdmin(sim, JSON.stringify(lease));
}

/** Runs a blue-green rollback as the sim's admin, so that the cluster holds its record; returns its id. */
export async function recordIncidentAsAdmin(sim: SimCluster): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-rbac-admin-'));
  const r = await runCli(
    [
      'rollback',
      'blue-green',
      '--yes',
      '--kubeconfig',
      sim.kubeconfig,
      '--incidents-dir',
      join(dir, 'incidents'),
    ],
    { env: { SLACK_WEBHOOK: '' } },
  );
  const id = /^incident (\S+): journal/m.exec(r.stderr)?.[1];
  if (r.code !== 0 || !id) throw new Error(`the admin's rollback failed (${r.code}): ${r.stderr}`);
  return id;
}

/** Only db-rollback (PostgreSQL) sends these: it scales the writers down and runs the migration Job. */
export const DB_ONLY = ['patch apps/deployments/scale', 'get batch/jobs', 'create batch/jobs'];

/** The Role of `runbook rbac` for the built-in runbook, less one permission (`patch services`). */
export const roleWithout = (missing: string) =>
  roleYaml({
    name: 'runbook',
    namespace: NS,
    subject: { kind: 'ServiceAccount', name: 'runbook' },
    rules: rulesOf(requiredAccess(defaultRunbook()).filter((a) => accessKey(a) !== missing)),
  });

/** The hint a refusal of `missing` (`patch apps/deployments`) must print. */
export function hintFor(missing: string): string {
  const [verb, path = ''] = missing.split(' ');
  const slash = path.indexOf('/');
  const group = slash > 0 && /\.|^apps$|^batch$/.test(path.slice(0, slash)) ? path.slice(0, slash) : '';
  const resource = group ? path.slice(group.length + 1) : path;
  const where = group ? ` (API group "${group}")` : '';
  return `hint: ask for "${verb}" on "${resource}"${where} in namespace "${NS}" (runbook rbac prints the Role)`;
}

/**
 * The sim's kubeconfig with its context `sim` (the one the sim environment expects) switched to the
 * subject's user: its bearer token, nothing of the admin's.
 */
export async function subjectKubeconfig(sim: SimCluster, dir: string): Promise<string> {
  const kc = parse(await readFile(sim.kubeconfig, 'utf8'));
  kc.contexts = kc.contexts.filter((c: { name: string }) => c.name === 'sim');
  kc.contexts[0].context.user = SUBJECT;
  kc.users = kc.users.filter((u: { name: string }) => u.name === SUBJECT);
  const file = join(dir, 'kubeconfig');
  await writeFile(file, stringify(kc), { mode: 0o600 });
  return file;
}

/** Runs a procedure through the CLI as the Role's subject (token auth) on the sim environment. */
export async function runAsSubject(sim: SimCluster, args: string[]): Promise<CliResult> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-rbac-run-'));
  const kubeconfig = await subjectKubeconfig(sim, dir);
  const cluster = ['--kubeconfig', kubeconfig, '--incidents-dir', join(dir, 'incidents')];
  return runCli([...args, ...cluster, '--lang', 'en'], { env: { SLACK_WEBHOOK: '' } });
}

export const accessKey = (a: KubeAccess) => `${a.verb} ${a.group ? `${a.group}/` : ''}${a.resource}`;

/** The permissions (verb, group, resource) of the requests logged from index `from` on. */
export function usedAccess(sim: SimCluster, from: number): Set<string> {
  const used = new Set<string>();
  for (const r of sim.requestLog.slice(from)) {
    const a = requestAttributes(r.method, r.path, new URLSearchParams(r.query));
    if (!a.resourceRequest) continue;
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    used.add(accessKey({ verb: a.verb as KubeAccess['verb'], group: a.apiGroup, resource }));
  }
  return used;
}
