import { fileURLToPath } from 'node:url';
import { serve } from './serve-lib.mjs';

const dir = fileURLToPath(new URL('./dist', import.meta.url));
const port = Number(process.env.PORT ?? 4321);
await serve(dir, port, process.env.HOST ?? '127.0.0.1');
console.log(`runbook docs: http://localhost:${port}/ (serving ${dir})`);
