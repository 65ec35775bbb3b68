export type { CertificateBody, ErasedPlace, SignedCertificate } from "./certificate";
export { CertificateView } from "./components/certificate-view";
export { ErasureConfirm, ErasurePreviewView } from "./components/erasure-preview";
export { pseudonymOf } from "./pseudonym";
