// Resend's API for the e2e server (through RESEND_BASE_URL): every email the app sends is
// accepted with an id, and the stories read the calls at /__calls to sign webhook events.
import { startFakeResend } from "../support/fake-resend";

const port = Number(process.env.FAKE_RESEND_PORT);
const fake = await startFakeResend(port);
process.stdout.write(`fake Resend API on ${fake.baseUrl}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
