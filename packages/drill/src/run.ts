/** The drill: one scenario rehearsed end to end, journaled, timed against the plan, with its post-mortem. */
import { EXIT, type Runbook, type RunbookError, UsageError } from '@runbook/core';
import { CLEANUP_DEADLINE_MS, Journal, type JournalRecord, writePostmortem } from '@runbook/scripts';
import { type Artifacts, ensureArtifacts } from './artifacts.ts';
import { type RegionRow, rehearseRegions } from './regions.ts';
import { type Held, type RehearsalOptions, rehearse } from './rehearsal.ts';
import { againstTarget, blueGreenMs, type FinalState, finalState, type TargetRow } from './report.ts';
import { drillRunbook, SCENARIO_SPECS, type Scenario, shortenedNote } from './scenarios.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

export interface DrillOptions extends RehearsalOptions {
  runbookFile?: string;
  incidentsDir: string;
  /** Where the site and the PDFs are built; default site/dist and print/dist. */
  siteDir?: string;
  pdfDir?: string;
  skipBuild: boolean;
}

export interface DrillResult {
  scenario: Scenario;
  ok: boolean;
  exitCode: number;
  expectedExit: number;
  incident: string;
  journal: string;
  postmortem: string | null;
  artifacts: Artifacts | null;
  targets: TargetRow[];
  notifications: string[];
  records: readonly JournalRecord[];
  error?: string;
  notes: string[];
  /** Where traffic and images ended up, read just before the cluster stopped; null without a cluster. */
  final: FinalState | null;
  /** The `multi-cluster` scenario: how the rollback ended on each region. */
  clusters?: RegionRow[];
}

/** What one drill shares between its phases. */
interface DrillRun {
  o: DrillOptions;
  runbook: Runbook;
  journal: Journal;
  result: DrillResult;
  held: Held;
  webhook: string;
}

/** `pnpm start`: a whole rollback rehearsed end to end, journaled, timed against the plan's targets. */
export async function runDrill(o: DrillOptions): Promise<DrillResult> {
  const spec = SCENARIO_SPECS[o.scenario];
  if (o.scenario === 'database' && o.context) {
    throw new UsageError(
      '--scenario database: rehearsed on the simulated cluster only',
      "on a real cluster its revert Job would reach the app's own database; drop --context",
    );
  }
  const runbook = drillRunbook(o.runbook, o.windowSeconds);
  const shortened = shortenedNote(o.runbook, o.windowSeconds);
  const journal = await Journal.open({
    baseDir: o.incidentsDir,
    command: 'drill',
    inputs: { scenario: o.scenario, context: o.context ?? 'sim' },
  });
  o.log(`drill "${o.scenario}": ${spec.summary}`);
  o.log(`incident ${journal.id}: journal ${journal.path}`);
  const result = emptyResult(o, journal, spec.breaks !== 'none' && shortened ? [shortened] : []);
  const receiver = await startWebhookReceiver();
  const run: DrillRun = {
    o,
    runbook,
    journal,
    result,
    held: { cluster: null, conn: null, scratch: null },
    webhook: receiver.url,
  };
  try {
    await rehearseScenario(run);
  } catch (err) {
    const e = err as RunbookError;
    result.exitCode = e.exitCode ?? 70;
    result.error = e.message;
  } finally {
    await cleanUp(run);
    result.notifications = [...receiver.messages];
    await receiver.close();
  }
  result.ok = result.exitCode === spec.expectedExit;
  result.notes.push(...expectedRefusals(result));
  await journal.close(result.ok ? 'ok' : 'failed', {
    exitCode: result.exitCode,
    expectedExit: spec.expectedExit,
  });
  result.postmortem = await drillPostmortem(o, journal.id, result.notes);
  result.records = journal.history();
  return result;
}

function emptyResult(o: DrillOptions, journal: Journal, notes: string[]): DrillResult {
  return {
    scenario: o.scenario,
    ok: false,
    exitCode: EXIT.ok,
    expectedExit: SCENARIO_SPECS[o.scenario].expectedExit,
    incident: journal.id,
    journal: journal.path,
    postmortem: null,
    artifacts: null,
    targets: [],
    notifications: [],
    records: [],
    notes,
    final: null,
  };
}

/** The artifacts, then the scenario itself: on the simulated regions, on one cluster, or skipped. */
async function rehearseScenario({ o, runbook, journal, result, held, webhook }: DrillRun): Promise<void> {
  if (!o.skipBuild) {
    result.artifacts = (await journal.step('artifacts', {}, async () => {
      const a = await ensureArtifacts(o.runbook, {
        runbookFile: o.runbookFile,
        log: o.log,
        siteDir: o.siteDir,
        pdfDir: o.pdfDir,
      });
      return { ...a };
    })) as unknown as Artifacts;
  }
  if (o.scenario === 'database' && !o.databaseUrl) {
    await journal.skip('database', 'DATABASE_URL is not set: no PostgreSQL to rehearse on');
    result.notes.push(
      'database drill skipped: set DATABASE_URL to a scratch PostgreSQL to rehearse a migration revert',
    );
    return;
  }
  if (o.scenario === 'multi-cluster') {
    const ctx = { runbook, lang: o.lang, incidentsDir: o.incidentsDir, journal, webhook };
    const regions = await rehearseRegions({ ...ctx, log: o.log, signal: o.signal }, (stop) => {
      held.cluster = { kubeconfig: undefined, context: 'regions', faults: null, stop };
    });
    result.exitCode = regions.exitCode;
    result.clusters = regions.rows;
    return;
  }
  const outcome = await rehearse(o, runbook, journal, webhook, held);
  result.exitCode = outcome.exitCode;
  result.error = outcome.error;
  if (outcome.procedureMs === null) return;
  const row = againstTarget(runbook, SCENARIO_SPECS[o.scenario].procedure, outcome.procedureMs, o.lang);
  if (row) result.targets.push(row);
  const switchMs = blueGreenMs(journal.history());
  if (o.scenario === 'emergency' && switchMs !== null) {
    const bg = againstTarget(runbook, 'blue-green', switchMs, o.lang);
    if (bg) result.targets.unshift(bg);
  }
}

/** Reads where the cluster ended, drops the scratch database, stops the cluster: whatever happened before. */
async function cleanUp({ o, runbook, journal, result, held }: DrillRun): Promise<void> {
  const { cluster, conn, scratch } = held;
  if (conn) {
    // After a Ctrl-C the run's adapter refuses every call: what was left is read on a deadline of its own.
    const reader = o.signal.aborted ? conn.kube.forCleanup(CLEANUP_DEADLINE_MS) : conn.kube;
    result.final = await finalState(reader, runbook).catch(() => null);
  }
  if (scratch?.created) {
    const s = scratch;
    // Dropped whatever happened: the scratch database is the drill's own, and nobody else's.
    await journal
      .step('drop-scratch', { database: s.describe }, async () => ({ dropped: await s.drop() }))
      .then(() =>
        result.notes.push(
          `database drill: scratch database ${s.name} created on ${s.describe.replace(/\/[^/]*$/, '')} and dropped`,
        ),
      )
      .catch((err: Error) =>
        result.notes.push(`scratch database ${s.name} NOT dropped: ${err.message}; DROP DATABASE it by hand`),
      );
  }
  await cluster?.stop();
}

/** What the scenarios that end in a refusal expect, said as such. */
function expectedRefusals(result: DrillResult): string[] {
  const notes: string[] = [];
  const refused = result.clusters?.filter((c) => c.exitCode === EXIT.precondition).map((c) => c.cluster);
  if (refused?.length)
    notes.push(
      `as expected, ${refused.join(', ')} refused the switch (blue not ready) while the other regions switched`,
    );
  if (result.scenario === 'blue-not-ready' && result.exitCode === EXIT.precondition) {
    notes.push(
      'as expected, the switch was refused: blue is not ready. Instead: rollback native (rollout undo) or rollback version TAG',
    );
  }
  return notes;
}

/** The drill's post-mortem, from its journals; a failure to write it is a note, not the drill's failure. */
async function drillPostmortem(o: DrillOptions, incident: string, notes: string[]): Promise<string | null> {
  const pm = await writePostmortem(o.runbook, {
    baseDir: o.incidentsDir,
    incident,
    lang: o.lang,
    vars: { incident: `drill ${o.scenario}`, rootCause: SCENARIO_SPECS[o.scenario].summary },
  }).catch((err: Error) => {
    notes.push(`post-mortem not written: ${err.message}`);
    return null;
  });
  return pm?.path ?? null;
}
