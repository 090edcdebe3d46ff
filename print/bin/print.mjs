#!/usr/bin/env node
// `pnpm print`: both PDFs in this one process, from the bundle (rebuilt first when a source is newer).
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../../tools/code-cache.mjs';
import { build, isStale, outfile, shapingFile } from './build.mjs';

if (isStale()) await build();
const bundle = loadBundle(outfile, 'print');
process.exitCode = await bundle.exports.main(fileURLToPath(new URL('..', import.meta.url)), shapingFile);
bundle.saveCache();
