import { createContext, useContext } from "react";

export type RequestInfo = { nonce: string; requestId: string };

const RequestInfoContext = createContext<RequestInfo>({ nonce: "", requestId: "" });

export const RequestInfoProvider = RequestInfoContext.Provider;

/** The CSP nonce and request id of the document request (empty after hydration for the nonce). */
export function useRequestInfo(): RequestInfo {
  const info = useContext(RequestInfoContext);
  if (info.requestId || typeof document === "undefined") return info;
  return { nonce: "", requestId: document.documentElement.dataset.requestId ?? "" };
}
