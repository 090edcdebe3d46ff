#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadBundle } from '../../../tools/code-cache.mjs';
import { build, currentBundles, isStale } from './build.mjs';

/** Resolves once what was written to `stream` has reached the OS: a pipe read slowly holds the rest back. */
function drained(stream) {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) return resolve();
    stream.write('', () => resolve());
  });
}

/** process.exit drops what stdout and stderr still hold (a pipe takes 64 KiB at a time): drain them first. */
async function exit(code) {
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

// One env file configures a deployment (see .env.example); variables already set win over it.
const envFile = process.env.RUNBOOK_ENV_FILE ?? (existsSync('.env') ? '.env' : null);
if (envFile) {
  try {
    process.loadEnvFile(envFile);
  } catch (err) {
    process.stderr.write(`error: RUNBOOK_ENV_FILE: cannot read "${envFile}" (${err.code ?? err.message})\n`);
    await exit(2);
  }
}
if (isStale()) await build();
const argv = process.argv.slice(2);
const bundles = currentBundles();
const { topLevel, cacheKey } = createRequire(import.meta.url)(bundles.topLevel);
const top = topLevel(argv);
if (top) {
  process.stdout.write(top.text);
  await exit(top.code);
}
const bundle = loadBundle(bundles.cli, cacheKey(argv));
await bundle.exports.main(argv);
bundle.saveCache();
// Commands close what they open; exiting here also covers a library that keeps a socket alive.
await exit(process.exitCode ?? 0);
