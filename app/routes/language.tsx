import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { setPreferences } from "~/features/identity/user.server";
import { isLanguage } from "~/i18n";
import { safeRedirectPath } from "~/kernel/auth.server";
import { languageCookie, translatorOf } from "~/kernel/locale.server";
import { viewerOf } from "~/kernel/viewer.server";

// Switching the language is a POST only: a GET never changes state.
export async function loader() {
  return redirect("/");
}

/**
 * The language switch of the account menu and the signed-out pages. A signed-in user's choice is
 * stored on them (only their own, and only once they are fully signed in); the cookie keeps it
 * for the sign-in page after they sign out.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  if (!isLanguage(language)) {
    const t = await translatorOf(request, context);
    return data({ error: t("errors.unknownLanguage") }, { status: 400 });
  }
  const viewer = await viewerOf(request, context);
  if (viewer?.session.twoFactorVerified) {
    await setPreferences(viewer.user.id, { locale: language });
  }
  return redirect(safeRedirectPath(form.get("returnTo")), {
    headers: { "Set-Cookie": languageCookie(language, context.secure) },
  });
}
