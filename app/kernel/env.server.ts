import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const positiveInt = z.coerce.number().int().positive();

const uploadThingToken = z.object({
  apiKey: z.string().startsWith("sk_"),
  appId: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1),
});

/** The SDK only checks the token at the first upload; a typo should stop the start instead. */
function isUploadThingToken(value: string) {
  try {
    const json: unknown = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
    return uploadThingToken.safeParse(json).success;
  } catch {
    return false;
  }
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    TRUST_PROXY: z
      .union([z.literal("false"), z.literal("true"), z.string().regex(/^\d+$/)])
      .default("false")
      .transform((value) =>
        value === "false" ? false : value === "true" ? true : Number.parseInt(value, 10),
      ),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    SESSION_IDLE_MINUTES: positiveInt.default(30),
    SESSION_ABSOLUTE_HOURS: positiveInt.default(12),
    REQUIRE_TWO_FACTOR_FOR_HOST_STAFF: booleanFlag.default(true),
    LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE: positiveInt.default(10),
    LOGIN_LOCKOUT_THRESHOLD: positiveInt.default(10),
    LOGIN_LOCKOUT_MINUTES: positiveInt.default(10),
    ENCRYPTION_KEY: z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        "must be 64 hex characters (32 bytes), e.g. `openssl rand -hex 32`",
      )
      .optional(),
    /** The domain whose mail reaches the inbound webhook: capture addresses live under it. */
    INBOUND_DOMAIN: z
      .string()
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
        "must be a domain name",
      )
      .default("in.ambit.localhost"),
    /**
     * `dmarc`: captured mail lands only when the receiving server's Authentication-Results say
     * its From domain passed DMARC or an aligned DKIM check. `off` trusts the From header.
     */
    INBOUND_SENDER_CHECK: z.enum(["dmarc", "off"]).default("dmarc"),
    /**
     * The name the receiving mail server writes first in its Authentication-Results header
     * (its authserv-id). Set, only that server's verdict counts; unset, the topmost header.
     */
    INBOUND_AUTHSERV_ID: z
      .string()
      .regex(/^[a-z0-9.-]{1,253}$/i, "must be a host name, as in the Authentication-Results header")
      .optional(),
    /** Signs capture addresses; without it, a key derived from ENCRYPTION_KEY. */
    CAPTURE_KEY: z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        "must be 64 hex characters (32 bytes), e.g. `openssl rand -hex 32`",
      )
      .optional(),
    /** Signs the audit log's checkpoints (an Ed25519 seed); without it, derived from ENCRYPTION_KEY. */
    AUDIT_SIGNING_KEY: z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        "must be 64 hex characters (a 32-byte Ed25519 seed), e.g. `openssl rand -hex 32`",
      )
      .optional(),
    /** A checkpoint is signed once this many events have been appended since the last one. */
    AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.url().optional(),
    /** Signs the provider's webhook deliveries (delivery status, and later inbound mail). */
    RESEND_WEBHOOK_SECRET: z
      .string()
      .regex(
        /^whsec_[A-Za-z0-9+/]+={0,2}$/,
        "must be the webhook's signing secret from the Resend dashboard (whsec_…)",
      )
      .optional(),
    MAIL_FROM: z.string().min(3).default("Ambit <no-reply@ambit.localhost>"),
    /** The largest file one upload may carry, in megabytes. */
    UPLOAD_MAX_MB: positiveInt.max(2048).default(50),
    UPLOADTHING_TOKEN: z
      .string()
      .refine(
        isUploadThingToken,
        "must be the token from the UploadThing dashboard (base64 JSON with an apiKey starting sk_, an appId and regions)",
      )
      .optional(),
    UPLOADTHING_API_URL: z.url().optional(),
    UPLOADTHING_INGEST_URL: z.url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    for (const key of ["APP_URL", "ENCRYPTION_KEY"] as const) {
      if (!env[key]) {
        ctx.addIssue({ code: "custom", path: [key], message: "is required in production" });
      }
    }
  });

export type Env = z.infer<typeof envSchema> & { APP_URL: string; ENCRYPTION_KEY: string };

// A fixed key keeps development and test data readable across restarts; production must set its own.
const DEVELOPMENT_ENCRYPTION_KEY = "a".repeat(64);

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`,
    );
    throw new EnvError(`Ambit cannot start: invalid configuration.\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? DEVELOPMENT_ENCRYPTION_KEY,
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env and call this so the next env() reads it again. */
export function resetEnvCache() {
  cached = undefined;
}

export const isProduction = () => env().NODE_ENV === "production";
