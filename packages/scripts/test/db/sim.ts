/** A simulated cluster whose API runs 5 replicas and whose Jobs run the fixture TypeORM revert against PostgreSQL. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRunbook } from '@runbook/core';
import {
  type JobRunResult,
  type KObject,
  type SimCluster,
  type SimOptions,
  startSimCluster,
} from '@runbook/sim';
import { runCli } from '../../../../test/helpers/cli.ts';
import { simWorld } from '../../../drill/src/sim-world.ts';
import { createKubeAdapter, type KubeAdapter } from '../../src/adapters/kube.ts';
import { changeMarketplace, checksums, createMarketplace, PG, tempDir, uniqueDb, urlFor } from './helpers.ts';

const REVERT_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'typeorm-revert.mjs');

export interface DbSim {
  cluster: SimCluster;
  kube: KubeAdapter;
  /** Database the revert Jobs act on (what the app's DATABASE_URL secret would say). */
  jobDatabaseUrl: string;
  /** Every Job the cluster ran, with the container it was given. */
  jobs: Array<{
    name: string;
    image: string;
    command: string[];
    backoffLimit: number;
    exitCode: number;
    log: string;
  }>;
  replicas(): Promise<number>;
  /** Sets the API image tag (what is "running"), and the replica count. */
  reset(tag: string, replicas?: number): Promise<void>;
  stop(): Promise<void>;
}

function runScript(url: string): Promise<JobRunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [REVERT_SCRIPT], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('close', (code) => resolve({ exitCode: code ?? 1, log }));
  });
}

/** `options`: more of the sim's options (`rbac`), the world and the Job runner aside. */
export async function startDbSim(options: Pick<SimOptions, 'rbac'> = {}): Promise<DbSim> {
  const state: DbSim = {} as DbSim;
  state.jobs = [];
  state.jobDatabaseUrl = '';
  // The world of the built-in runbook, which the CLI runs on here.
  const { namespace, apps } = simWorld(defaultRunbook());
  state.cluster = await startSimCluster({
    namespace,
    world: apps.map((app) => (app.name === 'marketplace-api' ? { ...app, replicas: 5 } : app)),
    traffic: 0,
    readyDelayMs: 100,
    ...options,
    jobRunner: async (job: KObject) => {
      const c = job.spec.template.spec.containers[0];
      // Only the Job db-rollback is meant to create reaches the database: the stable image running the revert command.
      const ok =
        c.image === 'ghcr.io/topsteel/marketplace-api:stable' &&
        JSON.stringify(c.command) === JSON.stringify(['npm', 'run', 'migration:revert']);
      const result = ok
        ? await runScript(state.jobDatabaseUrl)
        : { exitCode: 127, log: `unexpected job container ${c.image} ${c.command}\n` };
      state.jobs.push({
        name: job.metadata.name!,
        image: c.image,
        command: c.command,
        backoffLimit: job.spec.backoffLimit,
        ...result,
      });
      return result;
    },
  });
  state.kube = await createKubeAdapter({
    kubeconfig: state.cluster.kubeconfig,
    namespace: state.cluster.namespace,
  });
  state.replicas = async () => Number((await state.kube.getDeployment('marketplace-api')).spec?.replicas);
  state.reset = async (tag, replicas = 5) => {
    const d = await state.kube.getDeployment('marketplace-api');
    if (!String(d.spec?.template.spec?.containers[0]?.image).endsWith(`:${tag}`)) {
      await state.kube.setImage('marketplace-api', 'api', `ghcr.io/topsteel/marketplace-api:${tag}`);
    }
    await state.kube.scale('marketplace-api', replicas);
    await state.kube.waitForRollout('marketplace-api', { deadline: Date.now() + 20_000 });
  };
  state.stop = () => state.cluster.stop();
  return state;
}

/** A fixture database, dumped as `marketplace_20240115-14.dump` into a fresh backup dir, then changed. */
export async function makeScenario(sim: DbSim, created: string[], tag: string, rows = 50) {
  const db = uniqueDb(tag);
  created.push(db);
  const dir = tempDir(tag);
  const backups = join(dir, 'backups');
  const incidents = join(dir, 'incidents');
  await createMarketplace(db, rows);
  const original = await checksums(db);
  mkdirSync(backups, { recursive: true });
  execFileSync('pg_dump', [
    '-h',
    PG.host,
    '-U',
    PG.user,
    '-d',
    db,
    '-Fc',
    '-f',
    join(backups, 'marketplace_20240115-14.dump'),
  ]);
  await changeMarketplace(db);
  const changed = await checksums(db);
  sim.jobDatabaseUrl = urlFor(db);
  const args = (extra: string[], url = urlFor(db)) => [
    'db-rollback',
    '--database',
    url,
    '--backup-dir',
    backups,
    '--snapshot-dir',
    join(dir, 'snapshots'),
    '--kubeconfig',
    sim.cluster.kubeconfig,
    '--incidents-dir',
    incidents,
    '--yes',
    ...extra,
  ];
  const run = (extra: string[], url?: string) => runCli(args(extra, url));
  return { db, dir, backups, incidents, original, changed, run, args };
}
