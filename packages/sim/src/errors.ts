/** Errors as the API server reports them: a `Status` object and its HTTP code. */
import { qualifiedName, type ResourceType } from './resources.ts';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
    return body;
  }
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function reasonFor(code: number): string {
  return REASONS[code] ?? 'Unknown';
}

function details(r: ResourceType, name: string): Record<string, unknown> {
  return r.group ? { name, group: r.group, kind: r.name } : { name, kind: r.name };
}

export const notFound = (r: ResourceType, name: string) =>
  new ApiError(404, 'NotFound', `${qualifiedName(r)} "${name}" not found`, details(r, name));

export const alreadyExists = (r: ResourceType, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualifiedName(r)} "${name}" already exists`, details(r, name));

export const conflict = (r: ResourceType, name: string) =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(r, name),
  );

/**
 * A delete whose preconditions no longer hold: the storage layer's invalid-object error, which the registry
 * turns into a Conflict, with its key and message as etcd3's `checkPreconditions` writes them.
 */
export const preconditionFailed = (
  r: ResourceType,
  namespace: string | undefined,
  name: string,
  why: string,
) =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": StorageError: invalid object, Code: 4, Key: /registry/${r.name}/${namespace ? `${namespace}/` : ''}${name}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ${why}`,
    details(r, name),
  );

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

export const resourceNotFound = () =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

export const methodNotAllowed = () =>
  new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );

/** One failed field, as in `field.ErrorList`. */
export interface FieldError {
  field: string;
  message: string;
  type?: string;
}

export function invalid(r: ResourceType, name: string, causes: FieldError[]): ApiError {
  const kind = r.kind;
  const group = r.group;
  const list = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  const message = `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${list}`;
  return new ApiError(422, 'Invalid', message, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: causes.map((c) => ({
      reason: c.type ?? 'FieldValueInvalid',
      message: c.message,
      field: c.field,
    })),
  });
}
