/** Types of build.mjs (plain JavaScript, run at install). */
export declare const outfile: string;
export declare function isStale(): boolean;
export declare function currentBundles(): { cli: string; topLevel: string };
export declare function build(): Promise<void>;
