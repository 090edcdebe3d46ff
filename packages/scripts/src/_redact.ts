// connect.ts and bound-procedures.ts still import this name; drop this file once they import ./redact.ts.
export * from './redact.ts';
