// `npm start`: the production build of the app on the embedded database with the demo world.
// Builds first when the build is missing or older than the sources, then starts server.js,
// which migrates, seeds an empty database and says where to sign in.
import { ensureBuild } from "./build.js";

console.log("Starting Ambit…");
try {
  await ensureBuild();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
// server.js reports its start-up steps as plain lines for a person watching, not as JSON logs.
process.env.AMBIT_START_REPORT = "1";
await import("../server.js");
