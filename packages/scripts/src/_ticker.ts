/** While a run lasts, prints the escalation level when its time comes (T+15 min: call Lead DevOps and DBA). */
import { escalationAt, type Lang, localize, type Runbook } from '@runbook/core';

export interface TickerOptions {
  runbook: Runbook;
  lang: Lang;
  /** Start of the incident (a resumed run keeps the first start). */
  since: Date;
  print: (line: string) => void;
  intervalMs?: number;
  now?: () => number;
}

/** The line announcing a level: who to call, and when the next level starts. */
export function escalationLine(runbook: Runbook, lang: Lang, minutes: number): string {
  const e = escalationAt(runbook, minutes);
  const who = e.contacts.map((c) => `${localize(c.role, lang)} ${c.name} ${c.phone}`).join(', ');
  const next = e.nextAt === null ? '' : ` (next level at T+${e.nextAt} min)`;
  return `escalation T+${e.level.fromMinutes} min, level ${e.level.level} — ${localize(e.level.label, lang)}: call ${who}${next}`;
}

/** Prints the current level at once, then each new level as it begins; returns stop(). */
export function startEscalationTicker(options: TickerOptions): () => void {
  const now = options.now ?? Date.now;
  let printed = -1;
  const tick = () => {
    const minutes = (now() - options.since.getTime()) / 60_000;
    const level = escalationAt(options.runbook, minutes).level.level;
    if (level !== printed) {
      printed = level;
      options.print(escalationLine(options.runbook, options.lang, minutes));
    }
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 5000);
  timer.unref();
  return () => clearInterval(timer);
}
