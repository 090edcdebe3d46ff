#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build, isStale, outfile } from './build.mjs';

// One env file configures a deployment (see .env.example); variables already set win over it.
const envFile = process.env.RUNBOOK_ENV_FILE ?? (existsSync('.env') ? '.env' : null);
if (envFile) {
  try {
    process.loadEnvFile(envFile);
  } catch (err) {
    process.stderr.write(`error: RUNBOOK_ENV_FILE: cannot read "${envFile}" (${err.code ?? err.message})\n`);
    process.exit(2);
  }
}
if (isStale()) await build();
const { main } = await import(pathToFileURL(outfile).href);
await main(process.argv.slice(2));
// Commands close what they open; exiting here also covers a library that keeps a socket alive.
process.exit(process.exitCode ?? 0);
