import { databaseKind, db, ping } from "#db/client.server";

export async function loader() {
  try {
    await ping(db());
    return Response.json(
      { status: "ok", database: databaseKind() },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "unavailable", database: databaseKind() ?? "not connected" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
