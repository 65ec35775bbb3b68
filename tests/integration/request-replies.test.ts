import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { requestComments, requests, unresolvedMails, users } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { replyAddressFor } from "~/features/capture/index.server";
import { receiveCapturedMail } from "~/features/mail-in/index.server";
import { withoutQuotedHistory } from "~/features/mail-in/request-reply.server";
import { commentOnRequest, findRequest, sendRequestMail } from "~/features/requests/index.server";
import { resendTransport } from "~/kernel/mail/mail.server";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import { demoEmails } from "../support/demo-people";
import { setEnv } from "../support/env";
import { startFakeResend } from "../support/fake-resend";
import { rawMail, type RawMailParts } from "../support/raw-mail";
import { actorByEmail, demoRequestByTitle } from "../support/world";

/*
 * Customers answer requests by replying to their emails (issue 14, part 6): each request email
 * carries a reply address bound to the request and its recipient; a reply from the request's
 * customer users, or from a contact person of the account, is a public reply (without the
 * quoted history); anyone else, or a request closed for good, waits in the unresolved queue.
 */

const CORAL = "Reklamation Stuhlfarbe CORAL";
const DELTA = "Frage Rechnung Anzahlung DELTA";
let resend: Awaited<ReturnType<typeof startFakeResend>>;
let restoreEnv: () => void;
let coral = { id: "", reference: "" };
let delta = { id: "", reference: "" };

beforeAll(async () => {
  resend = await startFakeResend();
  restoreEnv = setEnv({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resend.baseUrl });
  coral = await demoRequestByTitle(db(), CORAL);
  delta = await demoRequestByTitle(db(), DELTA);
});

afterAll(async () => {
  await resend.close();
  restoreEnv();
});

const userId = async (email: string) =>
  (await db().select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

async function arrive(parts: RawMailParts) {
  const emailId = resend.receive({
    raw: rawMail(parts),
    from: parts.from,
    to: parts.to,
    subject: parts.subject,
  });
  return { emailId, result: await receiveCapturedMail({ emailId }) };
}

const commentsOn = (requestId: string) =>
  db().select().from(requestComments).where(eq(requestComments.requestId, requestId));

describe("replies by email", () => {
  test("the email about a public reply asks Eva to reply to her own address for CORAL", async () => {
    const anna = await actorByEmail(db(), demoEmails.anna);
    const ability = defineAbilityFor(anna);
    const found = (await findRequest(ability, coral.id))!;
    const body = renderRichText(plainTextDoc("Wir haben neue Muster bestellt."));
    const commentId = await commentOnRequest(
      {
        ability,
        actor: anna,
        auditActor: { userId: anna.id, organizationId: anna.organizationId },
      },
      found.policyProject,
      found.stored,
      { audience: "all_members", body: body.ok ? body.value : (undefined as never) },
    );
    resend.calls.length = 0;
    await sendRequestMail(
      { requestId: coral.id, commentId },
      resendTransport("re_test_key", resend.baseUrl),
    );
    const toEva = resend.calls.find((call) => (call.body as { to: string }).to === demoEmails.eva)!;
    expect((toEva.body as { reply_to: string }).reply_to).toBe(
      await replyAddressFor(coral.id, await userId(demoEmails.eva)),
    );
  });

  test("Eva's reply is a public reply on CORAL without the quoted history, once", async () => {
    const address = await replyAddressFor(coral.id, await userId(demoEmails.eva));
    const parts = {
      from: "Eva Roth <eva@cafe-morgenrot.example>",
      to: [address],
      subject: `Re: ${CORAL}`,
      text: "Die neuen Muster passen, danke!\n\nAm 5. Dez. 2026 schrieb Anna Berg <no-reply@ambit.localhost>:\n> Wir haben neue Muster bestellt.",
      messageId: "<eva-reply-1@cafe-morgenrot.example>",
    };
    const first = await arrive(parts);
    expect(first.result).toMatchObject({ kind: "commented", requestId: coral.id });
    const again = await arrive(parts);
    expect(again.result).toMatchObject({ kind: "duplicate" });
    const mine = (await commentsOn(coral.id)).filter((row) => row.messageId === parts.messageId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.bodyText).toBe("Die neuen Muster passen, danke!");
    expect(mine[0]!.authorId).toBe(await userId(demoEmails.eva));
  });

  test("Felix, a contact person of the account, answers what was sent to Eva: Eva's public reply", async () => {
    const address = await replyAddressFor(coral.id, await userId(demoEmails.eva));
    const { result } = await arrive({
      from: "felix@cafe-morgenrot.example",
      to: [address],
      subject: "Re",
      text: "Ich übernehme die Abstimmung.",
      messageId: "<felix-1@cafe-morgenrot.example>",
    });
    expect(result).toMatchObject({ kind: "commented" });
    const [row] = (await commentsOn(coral.id)).filter(
      (item) => item.messageId === "<felix-1@cafe-morgenrot.example>",
    );
    expect(row!.authorId).toBe(await userId(demoEmails.eva));
  });

  test("a CC'd partner, a stranger and a forged sender wait in the queue; nothing is posted", async () => {
    const address = await replyAddressFor(coral.id, await userId(demoEmails.eva));
    const before = (await commentsOn(coral.id)).length;
    for (const [from, reason, auth] of [
      ["lena@studio-lumen.example", "senderNotAllowed", undefined],
      ["someone@elsewhere.example", "senderNotAllowed", undefined],
      [
        "eva@cafe-morgenrot.example",
        "senderUnverified",
        "inbound.resend.example; dmarc=fail header.from=cafe-morgenrot.example",
      ],
    ] as const) {
      const { emailId, result } = await arrive({
        from,
        to: [address],
        subject: "Re",
        text: "x",
        authenticationResults: auth,
      });
      expect(result, from).toEqual({ kind: "unresolved", reason });
      expect(
        (
          await db().select().from(unresolvedMails).where(eq(unresolvedMails.providerId, emailId))
        )[0],
      ).toMatchObject({ reason });
    }
    expect((await commentsOn(coral.id)).length).toBe(before);
  });

  test("a reply to a request closed for good waits in the queue as closed", async () => {
    await db()
      .update(requests)
      .set({ status: "closed", reopenableUntil: new Date(Date.now() - 60_000) })
      .where(eq(requests.id, delta.id));
    const address = await replyAddressFor(delta.id, await userId(demoEmails.paul));
    const { result } = await arrive({
      from: "paul@kanzlei-brandt.example",
      to: [address],
      subject: "Re",
      text: "Noch eine Frage.",
    });
    expect(result).toEqual({ kind: "unresolved", reason: "requestClosed" });
    expect(
      await db()
        .select()
        .from(requestComments)
        .where(
          and(
            eq(requestComments.requestId, delta.id),
            eq(requestComments.bodyText, "Noch eine Frage."),
          ),
        ),
    ).toEqual([]);
  });
});

describe("quoted history", () => {
  test("is cut at the line that introduces it, in English and German mail programs", () => {
    expect(withoutQuotedHistory("Yes.\n\nOn Fri, 4 Dec 2026, Anna wrote:\n> Ok?")).toBe("Yes.");
    expect(withoutQuotedHistory("Ja.\n-----Ursprüngliche Nachricht-----\nVon: Anna")).toBe("Ja.");
    expect(withoutQuotedHistory("Gut.\nVon: Anna Berg <a@b.example>\nGesendet: heute")).toBe(
      "Gut.",
    );
    expect(withoutQuotedHistory("> nur Zitat")).toBe("> nur Zitat");
  });
});
