import { escalationAt, localize, table, UsageError } from '@runbook/core';
import { escalationLine } from '@runbook/scripts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';

/** A start a little ahead of this machine's clock is another machine's clock, not a mistake. */
const CLOCK_SKEW_MS = 60_000;

export default defineCommand({
  name: 'escalation',
  description: 'Who to call now, and when the next escalation level starts.',
  details:
    'Example: runbook escalation --since 2024-01-15T14:05:00+01:00\nWithout --since, the incident starts now. Exit codes: 2 usage (bad or future --since).',
  flags: {
    since: { type: 'string', hint: 'ISO', description: 'When the incident started (ISO 8601; default now)' },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run(ctx, flags) {
    const runbook = ctx.runbook();
    const raw = flags.since;
    const since = raw === undefined ? Date.now() : Date.parse(raw);
    if (Number.isNaN(since) || (raw !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(raw))) {
      throw new UsageError(
        `--since: expected an ISO 8601 time like 2024-01-15T14:05:00Z, got ${JSON.stringify(raw)}`,
      );
    }
    if (since - Date.now() > CLOCK_SKEW_MS) {
      throw new UsageError(
        `--since: expected a time in the past (the incident's start), got ${JSON.stringify(raw)}, which is in the future`,
        'check the date and the time zone offset (Z, +01:00)',
      );
    }
    const minutes = Math.max(0, (Date.now() - since) / 60_000);
    const now = escalationAt(runbook, minutes);
    const nextTime = now.nextAt === null ? null : new Date(since + now.nextAt * 60_000);
    if (flags.json) {
      printData(ctx.out, flags, {
        minutes: Math.floor(minutes),
        level: now.level,
        contacts: now.contacts,
        next: now.next,
        nextAt: nextTime?.toISOString() ?? null,
      });
      return 0;
    }
    ctx.out(escalationLine(runbook, ctx.lang, minutes));
    ctx.out(
      table(
        now.contacts.map((c) => [localize(c.role, ctx.lang), c.name, c.phone, c.email]),
        ['role', 'name', 'phone', 'email'],
      ),
    );
    ctx.out(
      now.next && nextTime
        ? `next: level ${now.next.level} (${localize(now.next.label, ctx.lang)}) at ${nextTime.toTimeString().slice(0, 5)}, T+${now.nextAt} min, in ${Math.ceil(now.nextAt! - minutes)} min`
        : 'last level: no further escalation',
    );
    return 0;
  },
});
