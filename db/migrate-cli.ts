import { connect, disconnect } from "./client.server";
import { env } from "../app/utils/env.server";

const handle = await connect(env());
await handle.migrate();
console.log(`Migrations applied (${handle.kind}).`);
await disconnect();
