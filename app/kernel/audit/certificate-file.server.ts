/** A signed certificate as a download: indented JSON, never cached. */
export function certificateFile(certificate: object, fileName: string) {
  return new Response(`${JSON.stringify(certificate, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
