/** The post-mortem of a rollback run on several clusters: one file, one timeline naming each cluster, in time order. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultRunbook, formatMs } from '@runbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { REGIONS, type Regions, startRegions } from '../helpers/regions.ts';

const runbook = defaultRunbook();
let regions: Regions | undefined;
afterEach(async () => {
  await regions?.stop();
  regions = undefined;
});

const recordsOf = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { time: string; step: string; outcome: string });
const seconds = (hms: string) => hms.split(':').reduce((s, x) => s * 60 + Number(x), 0);

describe('runbook postmortem of a multi-cluster incident', () => {
  it("merges every cluster's journal into one timeline, in time order, each line naming its cluster", async () => {
    regions = await startRegions(runbook, { 'ap-south': { faults: { blue: { notReady: true } } } });
    const { args, incidents, runbookFile } = regions;
    const run = await runCli(['rollback', 'blue-green', '--yes', ...args]);
    expect(run.code, run.stderr).toBe(3);
    const id = /^incident (\S+):/m.exec(run.stdout)![1]!;

    const pm = await runCli([
      'postmortem',
      id,
      '--lang',
      'en',
      '--runbook',
      runbookFile,
      '--incidents-dir',
      incidents,
    ]);
    expect(pm.code, pm.stderr).toBe(0);
    const path = join(incidents, id, 'postmortem.md');
    expect(pm.stderr).toContain(`written to ${path}`);
    expect(await readFile(path, 'utf8')).toBe(pm.stdout);
    const text = pm.stdout;
    expect(text).toContain(
      `# Post-Mortem: ${/^\d{8}/.exec(id)![0].replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3')} ${id} (rollback blue-green; eu-west ok, us-east ok, ap-south refused)`,
    );
    expect(text).toContain('**Versions**: v1.2.4 → v1.2.3');

    const journals = await Promise.all(
      REGIONS.map((c) => recordsOf(join(incidents, c, id, 'journal.jsonl'))),
    );
    const times = journals.flat().map((r) => Date.parse(r.time));
    expect(text).toContain(`**Duration**: ${formatMs(Math.max(...times) - Math.min(...times))}`);

    const timeline = text.split('## Timeline\n')[1]!.split('\n\n## ')[0]!.split('\n');
    const finished = journals.flat().filter((r) => r.outcome !== 'started');
    expect(timeline).toHaveLength(finished.length);
    const lines = timeline.map((l) => /^- (\d\d:\d\d:\d\d) - \[([a-z-]+)\] (\S+) (\S+)/.exec(l));
    expect(lines.every(Boolean), timeline.join('\n')).toBe(true);
    expect(new Set(lines.map((m) => m![2]))).toEqual(new Set(REGIONS));
    // In time order: each line at or after the one before (a run is minutes at most, even across midnight).
    for (let i = 1; i < lines.length; i++)
      expect((seconds(lines[i]![1]!) - seconds(lines[i - 1]![1]!) + 86_400) % 86_400).toBeLessThan(3600);
    // Within a second too: the journals' finished records by their full time (a tie keeps the regions' order).
    const byTime = REGIONS.flatMap((c, k) => journals[k]!.map((r) => ({ c, r })))
      .filter(({ r }) => r.outcome !== 'started')
      .sort((a, b) => Date.parse(a.r.time) - Date.parse(b.r.time));
    expect(lines.map((m) => `${m![2]} ${m![3]} ${m![4]}`)).toEqual(
      byTime.map(({ c, r }) => `${c} ${r.step} ${r.outcome}`),
    );
    // Each cluster's lines are its journal's finished steps, in its order.
    for (const [k, c] of REGIONS.entries())
      expect(lines.filter((m) => m![2] === c).map((m) => `${m![3]} ${m![4]}`)).toEqual(
        journals[k]!.filter((r) => r.outcome !== 'started').map((r) => `${r.step} ${r.outcome}`),
      );
    expect(timeline).toContainEqual(expect.stringMatching(/^- \S+ - \[ap-south\] run failed .*refusing/));

    const none = await runCli([
      'postmortem',
      'nope-1',
      '--runbook',
      runbookFile,
      '--incidents-dir',
      incidents,
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: incident "nope-1": no journal at .*nope-1.*journal\.jsonl/),
    ]);
  });
});
