/** The query parameters of a write (create, update, patch, apply) that the handlers need beyond the body. */
import { badRequest } from './errors.ts';
import { type Directive, directiveOf } from './field-validation.ts';

export interface WriteOptions {
  /** `fieldManager`, or the API server's default: the User-Agent up to its first `/`. */
  manager: string;
  /** Whether the request named its manager: server-side apply requires it. */
  managerGiven: boolean;
  fieldValidation: Directive;
  /** `force=true`: server-side apply takes the fields of conflicting managers. */
  force: boolean;
  /** Sends a `Warning: 299` header (kubectl prints `Warning: <message>`). */
  warn: (message: string) => void;
}

export function writeOptions(
  query: URLSearchParams,
  userAgent: string | undefined,
  warn: (message: string) => void,
): WriteOptions {
  const given = query.get('fieldManager');
  if (given !== null && given.length > 128)
    throw badRequest(`fieldManager: Too long: may not be longer than 128`);
  return {
    manager: given || (userAgent ?? '').split('/')[0] || 'unknown',
    managerGiven: !!given,
    fieldValidation: directiveOf(query.get('fieldValidation')),
    force: query.get('force') === 'true',
    warn,
  };
}
