#!/usr/bin/env zx
// Sends all traffic to blue (or back to green), verifies, and tells #incidents through SLACK_WEBHOOK.
//
//   zx blue-green.mjs --context production --yes
//   zx blue-green.mjs --to green --dry-run
//
// Exit: 0 switched and verified · 4 switched, verification failed · otherwise the library's exit code
// (2 bad flags, 3 a precondition such as blue not Ready, 5 the cluster unreachable, 130 interrupted).
import { connect, RunbookError, UsageError } from '@runbook/scripts';
import { argv, echo, question } from 'zx';

const to = argv.to ?? 'blue';
const dryRun = Boolean(argv['dry-run']);
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());

let rb;
let outcome = 'failed';
try {
  if (to !== 'blue' && to !== 'green') throw usage(`--to: expected blue or green, got ${JSON.stringify(to)}`);
  rb = await connect({
    runbook: argv.runbook,
    context: argv.context,
    lang: argv.lang,
    kubeconfig: argv.kubeconfig,
    incidentsDir: argv['incidents-dir'],
    command: 'blue-green.mjs',
    inputs: { to },
    dryRun,
    yes: Boolean(argv.yes),
    // Without --yes, a person at a terminal is asked before the switch; cron without --yes is refused.
    ask: process.stdin.isTTY ? async (q) => /^y(es)?$/i.test(await question(`${q} [y/N] `)) : undefined,
    signal: interrupt.signal,
    flagNames: true,
  });
  const started = new Date();
  const switched = await rb.rollback.blueGreen({ to });
  if (dryRun) {
    outcome = 'ok';
  } else {
    echo(`traffic on ${to} after ${(switched.elapsedMs / 1000).toFixed(1)} s`);
    const v = await rb.verify();
    for (const c of v.checks)
      echo(`${c.check.padEnd(20)} ${(c.app ?? '').padEnd(5)} ${c.status.padEnd(4)} ${c.detail}`);
    await tellIncidents(rb, { to, verified: v.ok, started });
    outcome = v.ok ? 'ok' : 'failed';
    process.exitCode = v.ok ? 0 : 4;
  }
} catch (err) {
  process.exitCode = report(err);
} finally {
  await rb?.close(outcome);
}

/** The internal notice; a notice that cannot go out is said, and never undoes the switch. */
async function tellIncidents(rb, { to, verified, started }) {
  const vars = {
    status: verified ? `Traffic on ${to}, verified` : `Traffic on ${to}, verification FAILED`,
    start: started.toTimeString().slice(0, 5),
    impact: argv.impact ?? `traffic switched to ${to} by blue-green.mjs (incident ${rb.incident})`,
    version: await servingVersion(rb, to),
    eta: verified ? '0 min' : (argv.eta ?? '30 min'),
    followUp: argv['follow-up'] ?? process.env.FOLLOW_UP_URL ?? rb.runbook.meta.docsUrl,
  };
  try {
    const notice = await rb.notify('internal', vars);
    if (notice.sent) echo('notice sent to #incidents');
    else console.error(`! notice not sent: ${notice.reason}\n${notice.text}`);
  } catch (err) {
    console.error(`! notice not sent: ${err.message}`);
  }
}

/** The image tag the first app now serves, or the runbook's stable version if it is not a vX.Y.Z tag. */
async function servingVersion(rb, colour) {
  const app = rb.runbook.meta.apps[0];
  const d = await rb.kube.findDeployment(colour === 'blue' ? app.blueDeployment : app.deployment);
  const tag = /:([^:/]+)$/.exec(d?.spec?.template?.spec?.containers?.[0]?.image ?? '')?.[1];
  return tag && /^v\d+\.\d+\.\d+/.test(tag) ? tag : rb.runbook.meta.stableVersion;
}

function usage(message) {
  return new UsageError(message);
}

/** The library's errors carry a code, an exit code and a hint: a person reads those, not a stack trace. */
function report(err) {
  if (!(err instanceof RunbookError)) throw err;
  console.error(`error: ${err.message}`);
  if (err.hint) console.error(`hint: ${err.hint}`);
  return err.exitCode;
}
