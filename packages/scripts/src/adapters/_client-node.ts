/**
 * The parts of @kubernetes/client-node the adapters use, and only those: imported by name, a bundle (the CLI's)
 * keeps these four API groups and leaves out the other ~60 and their wrappers (1.8 MB of the 3.5 MB the whole
 * package bundles to, all compiled on every cluster command).
 */
export {
  AppsV1Api,
  BatchV1Api,
  CoordinationV1Api,
  CoreV1Api,
  createConfiguration,
  KubeConfig,
  ResponseContext,
  SelfDecodingBody,
  ServerConfiguration,
  setHeaderOptions,
  V1MicroTime,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
