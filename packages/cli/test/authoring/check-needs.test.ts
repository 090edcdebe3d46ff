/** `check --strict` must fail a runbook the commands would stop on (issue 12: it passed, then notify exited 2). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPlan } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

function writeRunbook(mutate: (plan: any) => void): string {
  const plan = structuredClone(builtinPlan) as any;
  mutate(plan);
  const file = join(mkdtempSync(join(tmpdir(), 'runbook-needs-')), 'runbook.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe('check knows what the commands need', () => {
  it('a runbook without the customer template fails check, and notify --template customer would exit 2', async () => {
    const file = writeRunbook((plan) => {
      plan.templates = plan.templates.filter((t: { id: string }) => t.id !== 'customer');
    });
    const check = await runCli(['check', '--strict', '--runbook', file]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'error    templates: missing template "customer", used by notify --template customer',
    );
  });

  it('a service name Kubernetes would refuse is a schema error with its path', async () => {
    const file = writeRunbook((plan) => {
      plan.meta.apps[1].service = 'Web_Service';
    });
    const check = await runCli(['check', '--runbook', file]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /^error {4}meta\.apps\[1\]\.service: expected a Kubernetes name \(DNS-1123 label\)/m,
    );
  });
});
