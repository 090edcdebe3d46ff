import type { Contact, EscalationLevel, Runbook } from '../schemas/index.ts';

export interface EscalationNow {
  level: EscalationLevel;
  contacts: Contact[];
  /** Minutes since start at which the next level begins, or `null` at the last level. */
  nextAt: number | null;
  next: EscalationLevel | null;
}

/** Who to call `minutes` after the incident started, and when the next level begins. */
export function escalationAt(runbook: Runbook, minutes: number): EscalationNow {
  const levels = [...runbook.escalation].sort((a, b) => a.fromMinutes - b.fromMinutes);
  const at = Math.max(0, minutes);
  const index = levels.findLastIndex((l) => l.fromMinutes <= at);
  const level = levels[Math.max(0, index)]!;
  const next = levels[Math.max(0, index) + 1] ?? null;
  const contacts = level.contacts
    .map((id) => runbook.contacts.find((c) => c.id === id))
    .filter((c): c is Contact => c !== undefined);
  return { level, contacts, nextAt: next ? next.fromMinutes : null, next };
}
