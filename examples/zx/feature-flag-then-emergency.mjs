#!/usr/bin/env zx
// Turns a feature flag off, then runs the emergency rollback (notify, capture, blue-green, verify, notify).
// The flag goes first: switching traffic while the flag still sends users to the broken path helps nobody.
//
//   FLAGS_URL=https://flags.internal zx feature-flag-then-emergency.mjs --flag new-checkout --context production --yes
//
// The flag call is a step of the incident's journal (`pre/feature-flag`), so the post-mortem shows it.
// Exit: the emergency's exit code (0 rolled back and verified, 4 verification failed…); 5 when the flag
// service does not answer 2xx (nothing switched; --force goes on anyway); 2 bad flags; 3 no --yes off a terminal.
import { connect, EXIT, RunbookError, UsageError } from '@runbook/scripts';
import { argv, echo } from 'zx';

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());

let rb;
let outcome = 'failed';
try {
  const flag = argv.flag;
  const flagsUrl = argv['flags-url'] ?? process.env.FLAGS_URL;
  const timeoutMs = Number(argv.timeout ?? 5000);
  if (typeof flag !== 'string' || !/^[\w.-]+$/.test(flag)) throw usage('--flag: expected the name of a flag');
  if (!isHttpUrl(flagsUrl))
    throw usage('--flags-url (or FLAGS_URL): expected the http(s) URL of the flag service');
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw usage('--timeout: expected milliseconds');
  // Turning the flag off is itself a change: without --yes, do not make it and then be refused the rollback.
  if (!argv.yes && !argv['dry-run'])
    throw new RunbookError(
      'E_NOT_CONFIRMED',
      'emergency: refused without --yes',
      EXIT.precondition,
      'rerun with --yes',
    );

  rb = await connect({
    runbook: argv.runbook,
    context: argv.context,
    kubeconfig: argv.kubeconfig,
    incidentsDir: argv['incidents-dir'],
    lang: argv.lang,
    command: 'feature-flag-then-emergency.mjs',
    // The flag service's URL may carry a token: the journal gets its host only.
    inputs: { flag, flagsHost: new URL(flagsUrl).host },
    dryRun: Boolean(argv['dry-run']),
    yes: true,
    signal: interrupt.signal,
    flagNames: true,
  });
  if (rb.deps.dryRun) {
    const url = flagEndpoint(flagsUrl, flag);
    echo(`• would PUT ${url.host}${url.pathname} {"enabled":false}`);
    await rb.journal.skip('pre/feature-flag', 'dry run');
  } else {
    await rb.journal.check('pre/feature-flag', { flag }, () =>
      flagOff(flagsUrl, flag, { timeoutMs, force: Boolean(argv.force) }),
    );
  }
  const result = await rb.emergency();
  for (const c of result.verification?.checks ?? [])
    echo(`${c.check.padEnd(20)} ${(c.app ?? '').padEnd(5)} ${c.status.padEnd(4)} ${c.detail}`);
  if (result.error) console.error(`error: ${result.error}`);
  outcome = result.ok ? 'ok' : 'failed';
  process.exitCode = result.exitCode;
} catch (err) {
  process.exitCode = report(err);
} finally {
  await rb?.close(outcome);
}

/**
 * PUTs `{"enabled": false}` to `<flags-url>/flags/<flag>`. Anything but a 2xx within the timeout stops the
 * script (exit 5) unless `force`, in which case the failure is journaled as this step's details and we go on.
 */
async function flagOff(base, flag, { timeoutMs, force }) {
  const url = flagEndpoint(base, flag);
  let failure;
  try {
    const res = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), interrupt.signal]),
    });
    await res.body?.cancel();
    if (res.ok) {
      echo(`✓ flag ${flag} off`);
      return { flag, status: res.status };
    }
    failure = `HTTP ${res.status}`;
  } catch (err) {
    failure =
      err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.name);
  }
  const message = `flag service at ${url.host} did not turn ${flag} off (${failure})`;
  if (!force)
    throw new RunbookError(
      'E_FLAG',
      `${message}; nothing switched`,
      EXIT.infrastructure,
      'turn the flag off by hand, or rerun with --force to roll back without it',
    );
  console.error(`! ${message}; --force: going on`);
  return { flag, forced: true, error: failure };
}

/** `<flags-url>/flags/<flag>`, the base's own path kept. */
function flagEndpoint(base, flag) {
  return new URL(`flags/${encodeURIComponent(flag)}`, base.endsWith('/') ? base : `${base}/`);
}

function isHttpUrl(value) {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
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
