import { connect, disconnect } from "#db/client.server";
import { verifyAuditChain } from "~/services/audit.server";
import { env } from "~/utils/env.server";

const handle = await connect(env());
const verdict = await verifyAuditChain(handle.db);
await disconnect();
if (verdict.ok) {
  console.log(`Audit chain intact: ${verdict.checked} events verified.`);
} else {
  console.error(
    `Audit chain BROKEN at sequence ${verdict.firstBadSeq}: ${verdict.reason} (${verdict.checked} events before it are intact).`,
  );
  process.exit(1);
}
