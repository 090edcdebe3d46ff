/** Request bodies by Content-Type: kubectl's typed clients (create deployment, configmap…) send protobuf. */
import { ApiError, badRequest } from './errors.ts';
import { decodeProtobuf, envelope, hasSchema, ProtobufError } from './protobuf.ts';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The body as JSON text for the handlers. A protobuf object is decoded; one of a kind the sim has no protobuf schema
 * for is refused with 415, as the API server refuses protobuf for the types it does not serve in protobuf (CRDs).
 */
export function bodyText(contentType: string | undefined, raw: Buffer): string {
  if (mediaType(contentType) !== PROTOBUF) return raw.toString('utf8');
  try {
    const { apiVersion, kind } = envelope(raw);
    if (!hasSchema(apiVersion, kind)) throw unsupportedMediaType();
    return JSON.stringify(decodeProtobuf(raw));
  } catch (e) {
    if (e instanceof ProtobufError) throw badRequest(`unable to decode the protobuf body: ${e.message}`);
    throw e;
  }
}

function unsupportedMediaType(): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
  );
}
