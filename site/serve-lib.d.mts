import type { Server } from 'node:http';

export const CONTENT_TYPES: Record<string, string>;
export function contentType(path: string): string;
/** Serves a built site; port 0 picks a free port (read it from `server.address()`). */
export function serve(dir: string, port?: number, host?: string): Promise<Server>;
