/** @runbook/scripts: the procedures and adapters, for the drill and other callers that compose them in process. */

export {
  createDbAdapter,
  type DbAdapter,
  type DbConnection,
  type MigrationRow,
  redact,
  resolveConnection,
} from './adapters/db.ts';
export { createKubeAdapter, type KubeAdapter, type KubeAdapterOptions } from './adapters/kube.ts';
export {
  computeSignals,
  histogramQuantile,
  parsePrometheusText,
  type Signals,
  signalValues,
} from './adapters/metrics.ts';
export { createPrometheusClient, type PrometheusClient, PrometheusError } from './adapters/prometheus.ts';
export { postWebhook } from './adapters/webhook.ts';
export { createConfirm } from './confirm.ts';
export { detectGitOps } from './gitops.ts';
export { Journal, type JournalRecord, readJournal, type StepJournal } from './journal.ts';
export { acquireRollbackLock, LEASE_NAME } from './lock.ts';
export { scrapeSource } from './procedures/_scrape-source.ts';
export { alertRulesYaml, checkRules, testAlertRules } from './procedures/alerts.ts';
export { type BlueGreenOptions, type BlueGreenResult, blueGreenRollback } from './procedures/blue-green.ts';
export { type CaptureOptions, captureState } from './procedures/capture-state.ts';
export { type BackupFile, listBackups, resolveBackup } from './procedures/db-backups.ts';
export { restoreAtomically, takeSafetySnapshot } from './procedures/db-restore.ts';
export { type DbRollbackOptions, type DbRollbackReport, dbRollback } from './procedures/db-rollback.ts';
export {
  type DecideReport,
  type DecideSource,
  type Declaration,
  decide,
  prometheusSource,
} from './procedures/decide.ts';
export type { ProcedureDeps } from './procedures/deps.ts';
export { type EmergencyOptions, type EmergencyResult, emergency } from './procedures/emergency.ts';
export { type NativeOptions, nativeRollback } from './procedures/native.ts';
export { type NotifyOptions, notify } from './procedures/notify.ts';
export { writePostmortem } from './procedures/postmortem.ts';
export { type VerifyOptions, type VerifyResult, verify } from './procedures/verify.ts';
export { type VersionOptions, validateVersionTag, versionRollback } from './procedures/version.ts';
export { type WatchOptions, type WatchResult, watch } from './procedures/watch.ts';
export { createRuntime, resolveEnvironment, withRuntime } from './runtime.ts';
export { assertSchemaMatch, enforceSchemaMatch } from './schema-match.ts';
