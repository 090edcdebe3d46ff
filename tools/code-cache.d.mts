/** Types of code-cache.mjs (plain JavaScript, run before anything is built). */
export declare const CJS_BUILD_OPTIONS: Record<string, unknown>;
export declare function saveBaseCache(file: string): void;
export declare function forgetCache(file: string, key: string): void;
export declare function loadBundle(
  file: string,
  key: string | null,
): { exports: Record<string, unknown>; saveCache(): void };
