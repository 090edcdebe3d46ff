/** The continue tokens of paged lists, in the API server's format, and its replies to bad or stale ones. */
import { isPlainObject } from './_json.ts';
import { ApiError, badRequest } from './errors.ts';

export interface ContinueToken {
  rv: number;
  start: string;
}

/** The API server's continue token: base64 of the list's resourceVersion and the key to start after. */
export function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  const t = parsed as Partial<ContinueToken> | undefined;
  if (!isPlainObject(t) || !Number.isInteger(t.rv) || typeof t.start !== 'string')
    throw badRequest('continue key is not valid: invalid continue token');
  return t as ContinueToken;
}

function expiredContinue(): ApiError {
  return new ApiError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
  );
}

/** Where a later page of a list starts: the first page's resourceVersion, and the key to continue after. */
export function readContinue(token: string, oldestResumable: number): ContinueToken {
  const t = decodeContinue(token);
  // Later pages belong to the list of the first one; once history has moved past it, the API server says 410.
  if (t.rv < oldestResumable) throw expiredContinue();
  return t;
}
