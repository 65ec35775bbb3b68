// `npm run db:migrate` and friends: the operator commands, run from a checkout.
import { runCommand } from "~/commands.server";

const [name, ...args] = process.argv.slice(2);
try {
  process.exitCode = await runCommand(name, args);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
