#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { build, isStale, outfile } from './build.mjs';

if (isStale()) await build();
const { main } = await import(pathToFileURL(outfile).href);
await main(process.argv.slice(2));
// Commands close what they open; exiting here also covers a library that keeps a socket alive.
process.exit(process.exitCode ?? 0);
