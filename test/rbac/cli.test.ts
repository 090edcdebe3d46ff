/** `runbook rbac` flags and errors, and `runbook sim up --rbac --user` driven by kubectl (issue 15). */
import { spawn } from 'node:child_process';
import { defaultRunbook } from '@runbook/core';
import { requiredAccess, rulesOf } from '@runbook/scripts';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BIN, runCli, runProcess } from '../helpers/cli.ts';

describe('runbook rbac', () => {
  it('prints a Role with the derived rules and a RoleBinding to the subject the flags name', async () => {
    const r = await runCli(['rbac', '-n', 'payments', '--name', 'rollback', '--user', 'alice@example.com']);
    expect(r.code, r.stderr).toBe(0);
    const [role, binding, ...more] = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(more).toEqual([]);
    expect(role).toMatchObject({ kind: 'Role', metadata: { name: 'rollback', namespace: 'payments' } });
    expect(role.rules).toEqual(rulesOf(requiredAccess(defaultRunbook())));
    expect(binding).toMatchObject({
      kind: 'RoleBinding',
      metadata: { name: 'rollback', namespace: 'payments' },
      roleRef: { kind: 'Role', name: 'rollback' },
      subjects: [{ kind: 'User', name: 'alice@example.com' }],
    });
    const sa = await runCli(['rbac']);
    const [, saBinding] = parseAllDocuments(sa.stdout).map((d) => d.toJS());
    expect(saBinding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'runbook', namespace: defaultRunbook().meta.namespace },
    ]);
  });

  it('bad flags are usage errors (exit 2) naming the flag', async () => {
    const both = await runCli(['rbac', '--user', 'a', '--service-account', 'b']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toBe('error: --user and --service-account: give one subject, not both\n');
    const ns = await runCli(['rbac', '-n', 'Not_A_Namespace']);
    expect(ns.code).toBe(2);
    expect(ns.stderr).toMatch(/^error: --namespace: .*, got "Not_A_Namespace"\n/);
    const user = await runCli(['sim', 'up', '--user', 'bob']);
    expect(user).toMatchObject({ code: 2, stderr: 'error: --user: only with --rbac\n' });
  });
});

describe('runbook sim up --rbac', () => {
  it('gives --user its own context and token; it may do nothing until a Role is bound, the admin anything', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', 'up', '--rbac', '--user', 'bob'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => out.includes('\n') && resolve());
        child.once('exit', (code) => reject(new Error(`sim up exited ${code}`)));
      });
      const ready = JSON.parse(out);
      expect(ready.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const kubectl = (args: string[]) =>
        runProcess('/usr/bin/kubectl', ['--kubeconfig', ready.kubeconfig, ...args], {
          env: { ...process.env, KUBECONFIG: '' },
        });
      expect((await kubectl(['--context', 'bob', 'auth', 'whoami'])).stdout).toMatch(/^Username +bob$/m);
      expect((await kubectl(['--context', 'bob', 'auth', 'can-i', 'get', 'pods'])).stdout).toBe('no\n');
      expect((await kubectl(['auth', 'can-i', 'patch', 'deployments'])).stdout).toBe('yes\n');
      const denied = await kubectl(['--context', 'bob', 'get', 'deployments']);
      expect(denied.stderr).toBe(
        `Error from server (Forbidden): deployments.apps is forbidden: User "bob" cannot list resource "deployments" in API group "apps" in the namespace "${ready.namespace}"\n`,
      );
    } finally {
      child.kill('SIGTERM');
    }
  });
});
