/**
 * @runbook/scripts: the runbook procedures as a library. `connect()` builds what they need from ordinary
 * inputs; the CLI, the drill and a user's zx script all start there.
 */

// The errors procedures throw, so that a script's `instanceof` sees the very classes thrown.
export { EXIT, InvalidRunbookError, RunbookError, UsageError } from '@runbook/core';
export { escalationLine } from './_ticker.ts';
// Adapters: one per kind of effect.
export {
  createDbAdapter,
  type DbAdapter,
  type DbConnection,
  type MigrationRow,
  quoteIdent,
  redact,
  resolveConnection,
} from './adapters/db.ts';
export { httpGet } from './adapters/http.ts';
export {
  CLEANUP_DEADLINE_MS,
  createKubeAdapter,
  type KubeAdapter,
  type KubeAdapterOptions,
} from './adapters/kube.ts';
export {
  KUBE_ACCESS,
  type KubeAccess,
  type KubeMethod,
  type KubeVerb,
  PROXY_VERBS,
  proxyAccess,
} from './adapters/kube-access.ts';
export {
  computeSignals,
  histogramQuantile,
  parsePrometheusText,
  type Signals,
  signalValues,
} from './adapters/metrics.ts';
export { type ProcessResult, runProcess } from './adapters/process.ts';
export {
  createPrometheusClient,
  type PrometheusClient,
  PrometheusError,
  redactUrl,
} from './adapters/prometheus.ts';
export { sleep } from './adapters/time.ts';
export { postWebhook, webhookFromEnv } from './adapters/webhook.ts';
export type { BoundProcedures, DecideCallOptions } from './bound-procedures.ts';
export {
  type ClusterTarget,
  connectCluster,
  resolveEnvironment,
  type TargetOptions,
} from './cluster-target.ts';
// The incident: journal, lock, confirmation, redaction.
export {
  CLUSTER_COLUMNS,
  type ClusterOutcome,
  clusterRows,
  clustersFor,
  onClusters,
  targetClusters,
  worstExit,
} from './clusters.ts';
export { type Confirm, createConfirm } from './confirm.ts';
export { type Connection, type ConnectOptions, connect } from './connect.ts';
export { detectGitOps } from './gitops.ts';

export { Journal, type JournalRecord, newIncidentId, readJournal, type StepJournal } from './journal.ts';
export { acquireRollbackLock, LEASE_NAME } from './lock.ts';
// Procedures, for callers that compose them with their own deps.
export { alertRulesYaml, checkRules, testAlertRules } from './procedures/alerts.ts';
export { type BlueGreenOptions, type BlueGreenResult, blueGreenRollback } from './procedures/blue-green.ts';
export { type CaptureOptions, type CaptureResult, captureState } from './procedures/capture-state.ts';
export {
  type BackupFile,
  backupDir,
  formatBytes,
  listBackups,
  resolveBackup,
} from './procedures/db-backups.ts';
export { restoreAtomically, takeSafetySnapshot } from './procedures/db-restore.ts';
export { type DbRollbackOptions, type DbRollbackReport, dbRollback } from './procedures/db-rollback.ts';
export {
  type DecideReport,
  type DecideSource,
  type Declaration,
  decide,
  ownQueryNote,
  prometheusSource,
} from './procedures/decide.ts';
export { decideSource, explicitSource, type SourceOptions } from './procedures/decide-source.ts';
export {
  parseDeclarableEvent,
  readDeclarations,
  recordDeclaration,
} from './procedures/declarations.ts';
export type { ProcedureDeps } from './procedures/deps.ts';
export { type EmergencyOptions, type EmergencyResult, emergency } from './procedures/emergency.ts';
export { runEmergency } from './procedures/emergency-hook.ts';
export { type NativeOptions, type NativeResult, nativeRollback } from './procedures/native.ts';
export { type NotifyOptions, type NotifyResult, notify } from './procedures/notify.ts';
export { type PostmortemResult, writePostmortem } from './procedures/postmortem.ts';
export { SCHEMA_DETAILS, schemaCheckFrom } from './procedures/schema-check.ts';
export { scrapeSource } from './procedures/scrape-source.ts';
export { prepareRevertSql } from './procedures/sql-file.ts';
export {
  type AppTraffic,
  type LockStatus,
  readStatus,
  type StatusCluster,
  type StatusReport,
} from './procedures/status.ts';
export { type VerifyCheck, type VerifyOptions, type VerifyResult, verify } from './procedures/verify.ts';
export {
  assertDeclaredVersion,
  type VersionOptions,
  type VersionResult,
  validateVersionTag,
  versionRollback,
} from './procedures/version.ts';
export { type WatchOptions, type WatchResult, watch } from './procedures/watch.ts';
export { type PolicyRule, type RoleSubject, requiredAccess, roleYaml, rulesOf } from './rbac-role.ts';
export { recordStep } from './record-step.ts';
export { createRedactor, knownSecrets, type Redactor } from './redact.ts';
export { loadRunbookFile, MAX_RUNBOOK_BYTES, parseRunbookFile } from './runbook-file.ts';
export { apiApp, assertSchemaMatch, enforceSchemaMatch, imageTagOf } from './schema-match.ts';
export { fromSystemError } from './system-errors.ts';
