#!/usr/bin/env node
// `pnpm print`: both PDFs in this one process, from the bundle (rebuilt first when a source is newer).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, isStale, outfile, shapingFile } from './build.mjs';

if (isStale()) await build();
const { main } = await import(pathToFileURL(outfile).href);
process.exitCode = await main(fileURLToPath(new URL('..', import.meta.url)), shapingFile);
