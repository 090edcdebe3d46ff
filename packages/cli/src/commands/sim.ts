import { EXIT, RunbookError, UsageError } from '@runbook/core';
import { simWorld } from '@runbook/drill';
import { type CommandSpec, defineCommand } from '../define.ts';

/** A Kubernetes namespace name (RFC 1123 label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const up: CommandSpec = defineCommand({
  name: 'sim up',
  description:
    'Run the simulated cluster on 127.0.0.1 in the foreground until SIGINT/SIGTERM. Prints exactly one JSON line on stdout once ready ({ready, kubeconfig, server, namespace, services}); logs go to stderr.',
  details:
    'The world is the runbook\'s (--runbook, default the built-in plan): its namespace, and for each app a green deployment whose history ends at the last of meta.appVersions, a blue one on meta.stableVersion, and its service, labels, colour label, container, image, port, replicas and criticalPath routes.\nFaults: green:error-rate=0.2, green:p95=3s, green:down, blue:not-ready (repeatable).\nExample: runbook sim up --runbook billing.yaml --port 6443 --kubeconfig /tmp/sim.kubeconfig --fault green:error-rate=0.2\nRBAC: with --rbac the kubeconfig\'s context "sim" is an admin (group system:masters, bound to cluster-admin); each --user NAME gets its own token and a context NAME that can do nothing until a Role is bound to it (runbook rbac prints one): runbook sim up --rbac --user system:serviceaccount:shop:runbook\nExit codes: 1 runbook errors · 2 usage (bad --port, --namespace or --fault: unknown fault or version; --user without --rbac) · 5 the port is already in use.',
  flags: {
    port: { type: 'string', hint: 'N', description: 'API server port (default: a free one)' },
    kubeconfig: {
      type: 'string',
      hint: 'PATH',
      description: 'Where to write the kubeconfig (default: a temporary file)',
    },
    namespace: {
      type: 'string',
      short: 'n',
      hint: 'NS',
      description: "Namespace of the world (default: the runbook's meta.namespace)",
    },
    fault: { type: 'string', multiple: true, hint: 'SPEC', description: 'Fault of a version, VERSION:FAULT' },
    'ready-delay': {
      type: 'string',
      hint: 'MS',
      description: 'Time new pods take to become Ready (default 1000)',
    },
    rbac: {
      type: 'boolean',
      description:
        'Serve HTTPS with a bearer token per kubeconfig user and enforce Roles/ClusterRoles and their bindings',
    },
    user: {
      type: 'string',
      multiple: true,
      hint: 'NAME',
      description:
        'With --rbac: another identity (or system:serviceaccount:NS:NAME), its kubeconfig context named NAME',
    },
  },
  async run(ctx, flags) {
    const sim = await import('@runbook/sim');
    const port = flags.port === undefined ? 0 : Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port: expected a port number 0-65535, got ${JSON.stringify(flags.port)}`);
    const delay = flags['ready-delay'] === undefined ? undefined : Number(flags['ready-delay']);
    if (delay !== undefined && (!Number.isFinite(delay) || delay < 0))
      throw new UsageError(
        `--ready-delay: expected milliseconds, got ${JSON.stringify(flags['ready-delay'])}`,
      );
    const world = simWorld(ctx.runbook());
    const faults: Record<string, Record<string, unknown>> = {};
    for (const spec of flags.fault ?? []) {
      try {
        const { version, fault } = sim.parseFaultSpec(spec);
        sim.checkFaultVersion(version, spec, world.apps);
        faults[version] = { ...faults[version], ...fault };
      } catch (err) {
        throw new UsageError(`--fault: ${(err as Error).message}`);
      }
    }
    if (flags.user?.length && !flags.rbac) throw new UsageError('--user: only with --rbac');
    const namespace = flags.namespace;
    if (namespace !== undefined && (!NAMESPACE.test(namespace) || namespace.length > 63))
      throw new UsageError(
        `--namespace: expected a DNS-1123 label (lowercase letters, digits, '-'), got ${JSON.stringify(namespace)}`,
      );
    const cluster = await sim
      .startSimCluster({
        port,
        namespace: namespace ?? world.namespace,
        world: world.apps,
        kubeconfig: flags.kubeconfig,
        faults,
        readyDelayMs: delay,
        ...(flags.rbac ? { rbac: { users: flags.user ?? [] } } : {}),
        log: (m) => ctx.err(m),
      })
      .catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        throw new RunbookError(
          'E_PORT_IN_USE',
          `--port: 127.0.0.1:${port} is already in use (EADDRINUSE)`,
          EXIT.infrastructure,
          'choose another port, or stop what listens on it',
        );
      });
    ctx.out(JSON.stringify(sim.readyLine(cluster)));
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await cluster.stop();
    ctx.err('sim stopped');
    return 0;
  },
});

export default defineCommand({
  name: 'sim',
  description: 'The simulated cluster the drills and tests run against.',
  subcommands: { up: async () => ({ default: up }) },
});
