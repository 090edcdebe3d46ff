/** What every procedure is given: the runbook, the adapters, the journal and how to talk to the person. */
import type { App, Environment, Lang, Runbook } from '@runbook/core';
import type { KubeAdapter } from '../adapters/kube.ts';
import type { Confirm } from '../confirm.ts';
import type { StepJournal } from '../journal.ts';

export interface ProcedureDeps {
  runbook: Runbook;
  lang: Lang;
  /** Name of the runbook environment (`production`, `sim`...). */
  envName: string;
  env: Environment;
  kube: KubeAdapter;
  journal: StepJournal;
  /** Progress lines, for people (stderr in the CLI). */
  log: (line: string) => void;
  /** `--dry-run` plan lines (stdout in the CLI). */
  out: (line: string) => void;
  /** Change nothing; print each step's exact API call and manual equivalent instead. */
  dryRun: boolean;
  /** `--dry-run=server`: the planned writes are also sent with `dryRun=All` for the API server to validate. */
  serverDryRun?: boolean;
  confirm: Confirm;
  signal?: AbortSignal;
  /** Incoming webhook URL (secret): never printed or journaled. */
  webhook?: string;
  /** Lock holder identity; default user@host/pid. */
  lockIdentity?: string;
}

/** The apps of the runbook, or the ones named (`api`, `web`). */
export function appsOf(runbook: Runbook, only?: string[]): App[] {
  return only?.length ? runbook.meta.apps.filter((a) => only.includes(a.id)) : runbook.meta.apps;
}
