import { parseDuration, type Runbook } from '@runbook/core';

export interface ReviewStatus {
  /** `YYYY-MM-DD` after which the runbook must be reviewed again. */
  due: string;
  overdue: boolean;
}

/** Overdue is measured against `now`, an input, so that a printout stays a function of its inputs. */
export function reviewStatus(runbook: Runbook, now: Date): ReviewStatus {
  const reviewed = new Date(`${runbook.meta.lastReviewed}T00:00:00Z`).getTime();
  const due = reviewed + parseDuration(runbook.meta.reviewInterval);
  return { due: new Date(due).toISOString().slice(0, 10), overdue: now.getTime() > due };
}
