#!/usr/bin/env node
import { isStale, build, outfile } from './build.mjs';
import { pathToFileURL } from 'node:url';

if (isStale()) await build();
const { main } = await import(pathToFileURL(outfile).href);
await main(process.argv.slice(2));
// Commands close what they open; exiting here also covers a library that keeps a socket alive.
process.exit(process.exitCode ?? 0);
