import { dnsNameSchema, EXIT, UsageError } from '@runbook/core';
import { type RoleSubject, requiredAccess, roleYaml, rulesOf } from '@runbook/scripts';
import { defineCommand } from '../define.ts';
import { writeOutFile } from './_out-file.ts';

/** A flag that must be a Kubernetes name; the schema's own message says what one is. */
function kubeName(flag: string, value: string): string {
  const r = dnsNameSchema.safeParse(value);
  if (!r.success)
    throw new UsageError(`--${flag}: ${r.error.issues[0]!.message}, got ${JSON.stringify(value)}`);
  return value;
}

function subjectOf(flags: { 'service-account'?: string; user?: string }): RoleSubject {
  if (flags.user !== undefined && flags['service-account'] !== undefined)
    throw new UsageError('--user and --service-account: give one subject, not both');
  if (flags.user !== undefined) {
    if (!flags.user.trim()) throw new UsageError('--user: expected a user name, got ""');
    return { kind: 'User', name: flags.user };
  }
  return { kind: 'ServiceAccount', name: kubeName('service-account', flags['service-account'] ?? 'runbook') };
}

export default defineCommand({
  name: 'rbac',
  description:
    "Print the least-privilege Role and RoleBinding (YAML) the runbook's procedures need in its namespace, derived from the Kubernetes calls they make.",
  details: `Every call of the kube adapter declares its verb and resource beside its implementation; the Role is their
union, plus the service-proxy verbs of the apps' criticalPath methods. Apply it as a cluster admin:
  runbook rbac --runbook billing.yaml | kubectl apply -f -
The subject is the ServiceAccount "runbook" of the namespace unless --service-account or --user names another.
Exit codes: 1 runbook errors · 2 usage (bad --namespace, --name, --service-account, or both subjects).`,
  flags: {
    namespace: {
      type: 'string',
      short: 'n',
      hint: 'NS',
      description: "Namespace of the Role (default: the runbook's meta.namespace)",
    },
    name: { type: 'string', hint: 'NAME', description: 'Name of the Role and RoleBinding (default runbook)' },
    'service-account': {
      type: 'string',
      hint: 'NAME',
      description: 'Bind a ServiceAccount of the namespace (default runbook)',
    },
    user: { type: 'string', hint: 'NAME', description: 'Bind a User instead of a ServiceAccount' },
    out: { type: 'string', hint: 'FILE', description: 'Write the YAML to FILE instead of stdout' },
  },
  run(ctx, flags) {
    const subject = subjectOf(flags);
    const name = kubeName('name', flags.name ?? 'runbook');
    const runbook = ctx.runbook();
    const namespace = kubeName('namespace', flags.namespace ?? runbook.meta.namespace);
    const text = roleYaml({ name, namespace, subject, rules: rulesOf(requiredAccess(runbook)) });
    if (flags.out) {
      writeOutFile('--out', flags.out, text);
      ctx.err(`wrote ${flags.out}`);
    } else ctx.out(text.trimEnd());
    return EXIT.ok;
  },
});
