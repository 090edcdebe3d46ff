import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { receiver, texts } from '../../../../test/helpers/receiver.ts';

let hook: Awaited<ReturnType<typeof receiver>>;
let url: string;
/** The texts the webhook received so far. */
const received = () => texts(hook.received);

beforeAll(async () => {
  hook = await receiver();
  url = `${hook.url}/services/T000/SECRET-TOKEN`;
});
afterAll(() => hook.close());

const journalOf = (dir: string, id: string) =>
  readFileSync(join(dir, id, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('runbook notify', () => {
  it('posts the customer template and journals the notice in a new incident, without the webhook URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-notify-'));
    const r = await runCli(['notify', '--template', 'customer', '--lang', 'en', '--incidents-dir', dir], {
      env: { SLACK_WEBHOOK: url },
    });
    expect(r.code).toBe(0);
    expect(received().at(-1)).toContain('Estimated time: 30 minutes');
    const [id] = readdirSync(dir);
    const records = journalOf(dir, id!);
    expect(records.find((x) => x.step === 'notify/customer')).toMatchObject({
      outcome: 'ok',
      details: { sent: true },
    });
    const everything = `${r.stdout}${r.stderr}${readFileSync(join(dir, id!, 'journal.jsonl'), 'utf8')}`;
    expect(everything).not.toContain('SECRET-TOKEN');
  });

  it('appends to an existing incident, and refuses an unknown one before sending anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-notify-'));
    await runCli(['notify', '--template', 'customer', '--incidents-dir', dir], {
      env: { SLACK_WEBHOOK: url },
    });
    const [id] = readdirSync(dir);
    const vars = [
      '--var',
      'start=03:12',
      '--var',
      'impact=API 5xx',
      '--var',
      'version=v1.2.3',
      '--var',
      'eta=10 min',
      '--var',
      'followUp=https://chat.example/incidents',
    ];
    const ok = await runCli(
      ['notify', '--template', 'internal', ...vars, '--incident', id!, '--incidents-dir', dir],
      {
        env: { SLACK_WEBHOOK: url },
      },
    );
    expect(ok.code).toBe(0);
    expect(
      journalOf(dir, id!)
        .filter((x) => x.step.startsWith('notify/'))
        .map((x) => x.step),
    ).toEqual(['notify/customer', 'notify/internal']);
    const sentBefore = received().length;
    const bad = await runCli(
      ['notify', '--template', 'customer', '--incident', 'no-such-incident', '--incidents-dir', dir],
      {
        env: { SLACK_WEBHOOK: url },
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('incident "no-such-incident": no journal');
    expect(received().length).toBe(sentBefore);
  });

  it('names a missing template variable and sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-notify-'));
    const sentBefore = received().length;
    const r = await runCli(['notify', '--template', 'internal', '--incidents-dir', dir], {
      env: { SLACK_WEBHOOK: url },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing value for "start"/);
    expect(received().length).toBe(sentBefore);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without a webhook prints the message and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-notify-'));
    const r = await runCli(['notify', '--template', 'customer', '--incidents-dir', dir], {
      env: { SLACK_WEBHOOK: '' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Maintenance en cours');
    expect(r.stderr).toMatch(/not sent/);
  });
});
