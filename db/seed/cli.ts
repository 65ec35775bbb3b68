import { connect, disconnect } from "../client.server";
import { env } from "../../app/utils/env.server";
import { isDatabaseEmpty, seedDemoWorld } from "./demo-world";

const config = env();
if (config.NODE_ENV === "production") {
  console.error("Refusing to seed demo users into a production database.");
  process.exit(1);
}
const handle = await connect(config);
await handle.migrate();
if (await isDatabaseEmpty(handle.db)) {
  await seedDemoWorld(handle.db);
  console.log("Seeded the demo world. Every demo user's password is ambit-demo-2026.");
} else {
  console.log("The database already holds data; the demo world is seeded only into an empty one.");
}
await disconnect();
