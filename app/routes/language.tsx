import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { setPreferences } from "~/features/identity/user.server";
import { isLanguage } from "~/i18n";
import { languageCookie } from "~/kernel/locale.server";
import { viewerOf } from "~/kernel/viewer.server";

// Switching the language is a POST only: a GET never changes state.
export async function loader() {
  return redirect("/");
}

/** Only a path of our own: an address from the form must not send anyone elsewhere. */
function localPath(value: FormDataEntryValue | null) {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

/**
 * The language switch of the account menu and the signed-out pages. A signed-in user's choice is
 * stored on them; the cookie keeps it for the sign-in page after they sign out.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  if (!isLanguage(language)) return data({ error: "unknown language" }, { status: 400 });
  const viewer = await viewerOf(request, context);
  if (viewer) {
    await setPreferences(viewer.user.id, { locale: language });
  }
  return redirect(localPath(form.get("returnTo")), {
    headers: { "Set-Cookie": languageCookie(language, context.secure) },
  });
}
