#!/usr/bin/env zx
// A rollback rehearsal for cron, against a staging cluster: decide, switch to blue, switch back to green,
// verify, then post the incident's timeline to SLACK_WEBHOOK, failed or not, so the team sees every run.
//
//   0 6 * * 1  cd /srv/runbook && zx scheduled-drill.mjs --context staging --yes
//
// Exit: 0 when every step passed; otherwise the first failure's exit code (10/11 when the cluster already
// calls for a rollback or cannot tell, and then nothing is switched; 3 blue not Ready; 4 verification failed;
// 5 the timeline could not be posted).
import { connect, postWebhook, RunbookError, readJournal, webhookFromEnv } from '@runbook/scripts';
import { argv, echo } from 'zx';

const incidentsDir = argv['incidents-dir'] ?? 'incidents';
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());

let rb;
let exitCode = 0;
let startError;
try {
  rb = await connect({
    runbook: argv.runbook,
    context: argv.context,
    kubeconfig: argv.kubeconfig,
    incidentsDir,
    command: 'scheduled-drill.mjs',
    yes: Boolean(argv.yes),
    signal: interrupt.signal,
    escalation: false,
    flagNames: true,
  });
  exitCode = await rehearse(rb);
} catch (err) {
  exitCode = report(err);
  if (!rb) startError = err.message;
} finally {
  await rb?.close(exitCode === 0 ? 'ok' : 'failed');
}
// A cron job nobody hears from is a drill nobody runs: the team gets a message even when it could not start.
const { text, failed } = rb
  ? await timeline(rb.incident)
  : { text: `Rollback drill could not start: ${startError}`, failed: true };
echo(text);
const posted = await post(text);
process.exitCode = exitCode || (failed ? 1 : posted ? 0 : 5);

/** The drill's steps; a sick cluster is not rehearsed on (switching back to green would hurt it). */
async function rehearse(rb) {
  const decision = await rb.decide();
  echo(`decide: ${decision.outcome}`);
  if (decision.exitCode !== 0) {
    console.error(`error: the cluster is not healthy (${decision.outcome}); no rehearsal`);
    return decision.exitCode;
  }
  // The switch back journals its steps as `blue-green-2/…`: a second call of a procedure is its own step.
  for (const to of ['blue', 'green']) await rb.rollback.blueGreen({ to });
  const v = await rb.verify();
  for (const c of v.checks.filter((c) => c.status === 'FAIL'))
    echo(`FAIL ${c.check} ${c.app ?? ''} ${c.detail}`);
  return v.ok ? 0 : 4;
}

/** The incident's journal as `T+mm:ss step outcome duration`, one line per finished step. */
async function timeline(incident) {
  const records = await readJournal(incidentsDir, incident);
  const t0 = Date.parse(records[0]?.time ?? new Date().toISOString());
  const lines = records
    .filter((r) => r.outcome !== 'started')
    .map((r) => `${since(Date.parse(r.time) - t0)} ${r.step} ${r.outcome} ${seconds(r.durationMs)}`);
  const failed = records.some((r) => r.outcome === 'failed');
  return {
    text: [`Rollback drill ${incident}: ${failed ? 'FAILED' : 'passed'}`, ...lines].join('\n'),
    failed,
  };
}

/** Posts to SLACK_WEBHOOK (the library never prints its URL); false when it could not. */
async function post(text) {
  const url = webhookFromEnv(process.env);
  if (!url) {
    console.error('! SLACK_WEBHOOK is not set: timeline printed, not posted');
    return false;
  }
  const result = await postWebhook(url, text, { signal: interrupt.signal });
  if (!result.sent) console.error(`! timeline not posted: ${result.reason}`);
  return result.sent;
}

function since(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `T+${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function seconds(ms = 0) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The library's errors carry a code, an exit code and a hint: a person reads those, not a stack trace. */
function report(err) {
  if (!(err instanceof RunbookError)) throw err;
  console.error(`error: ${err.message}`);
  if (err.hint) console.error(`hint: ${err.hint}`);
  return err.exitCode;
}
