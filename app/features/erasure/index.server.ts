export {
  erasureCertificate,
  erasureCount,
  latestErasureOf,
  listErasures,
} from "./certificates.server";
export {
  eraseDataSubject,
  eraseWithin,
  ERASURE_VACUUM,
  homeOf,
  removeFiles,
  ErasureRefused,
  erasureVacuumWorker,
  vacuumAfterErasure,
  previewErasure,
  type ErasureOutcome,
  type ErasurePreview,
  type ErasureRefusal,
} from "./erase.server";
export type { Home } from "./places.server";
