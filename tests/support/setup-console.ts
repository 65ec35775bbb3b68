import { format } from "node:util";
import { afterAll, afterEach, beforeEach } from "vitest";

// Any console.error fails the test it happened in (or the file, if it came from a hook).
const original = console.error.bind(console);
let captured: string[] = [];

console.error = (...args: unknown[]) => {
  captured.push(format(...args));
  original(...args);
};

function failOnCaptured(where: string) {
  if (captured.length === 0) return;
  const messages = captured;
  captured = [];
  throw new Error(`console.error was called ${where}:\n${messages.join("\n---\n")}`);
}

beforeEach(() => failOnCaptured("before this test (in a hook or at import)"));
afterEach(() => failOnCaptured("during this test"));
afterAll(() => failOnCaptured("after the last test"));
