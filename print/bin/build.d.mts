/** Types of build.mjs (plain JavaScript, run by print.mjs). */
export declare const outfile: string;
export declare const shapingFile: string;
export declare function isStale(): boolean;
export declare function build(): Promise<void>;
