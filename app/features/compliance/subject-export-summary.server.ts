import type { TFunction } from "i18next";
import { formatLocaleOf, type Language } from "~/i18n";
import { escapeHtml } from "~/kernel/rich-text/rich-text.server";
import type { SubjectExportData } from "./subject-export-data.server";

/*
 * The readable half of a data-subject export: one self-contained HTML page (no scripts, no
 * outside resources) in the requester's language. Every value is escaped: the texts are what
 * people wrote, and a `<script>` in an email must arrive as text.
 */

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; color: #0f172a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #cbd5e1; padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 0; }
.note { background: #f0fdfa; border: 1px solid #99f6e4; border-radius: .5rem; padding: .75rem 1rem; }
.muted { color: #475569; font-size: .875rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
article { border: 1px solid #e2e8f0; border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: .5rem 0 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #e2e8f0; overflow-wrap: anywhere; }
`;

export function subjectExportHtml(
  data: SubjectExportData,
  t: TFunction,
  { language, timeZone }: { language: Language; timeZone: string },
) {
  const e = (value: unknown) =>
    escapeHtml(value === null || value === undefined ? "" : String(value));
  const dateFormat = new Intl.DateTimeFormat(formatLocaleOf(language), {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  });
  const when = (value: string | null) => (value ? e(dateFormat.format(new Date(value))) : "—");
  const k = (key: string, options?: Record<string, unknown>) =>
    e(t(`compliance.subjectExport.summary.${key}`, options));
  const reasons = (list: string[]) =>
    `<p class="muted">${k("because")} ${list
      .map((reason) => e(t(`compliance.subjectExport.reasons.${reason}`)))
      .join(", ")}</p>`;
  const section = (title: string, count: number, body: string) =>
    `<section><h2>${title} (${count})</h2>${count ? body : `<p class="muted">${k("none")}</p>`}</section>`;

  // Stored codes in words; anything else as stored.
  const labelled: Record<string, string> = {
    legalBasis: "accounts.legalBases",
    role: "roles",
    language: "languageNames",
  };
  const shown = (field: string, value: unknown) =>
    value === null || value === undefined || value === ""
      ? "—"
      : labelled[field]
        ? t(`${labelled[field]}.${String(value)}`, { defaultValue: String(value) })
        : String(value);

  const { person } = data;
  const recordRows = Object.entries(person.record)
    .filter(([, value]) => !Array.isArray(value))
    .map(
      ([field, value]) =>
        `<dt>${e(t(`compliance.subjectExport.fields.${field}`, { defaultValue: field }))}</dt><dd>${
          field.endsWith("At") && typeof value === "string" ? when(value) : e(shown(field, value))
        }</dd>`,
    )
    .join("");
  const sessions = person.record.sessions as
    { createdAt: string; lastSeenAt: string; ip: string | null }[] | undefined;
  const signIns = person.record.signIns as { at: string; ip: string | null }[] | undefined;
  const userExtras =
    person.kind === "user"
      ? `<h3>${k("sessions")}</h3><p>${k("sessionsCount", { count: sessions?.length ?? 0 })}</p>` +
        `<h3>${k("signIns")}</h3><p>${k("signInsCount", { count: signIns?.length ?? 0 })}${
          signIns?.[0] ? ` ${k("lastSignIn")} ${when(signIns[0].at)}` : ""
        }</p><p class="muted">${k("detailsInJson")}</p>`
      : "";

  const entries = data.entries
    .map(
      (entry) => `<article><h3>${e(entry.subject)}</h3>
<p class="muted">${when(entry.occurredAt)} · ${e(entry.project)} · ${e(
        t(`history.channels.${entry.channel}`, { defaultValue: entry.channel }),
      )} · ${e(entry.author)}${entry.redacted ? ` · ${k("redacted")}` : ""}</p>
${reasons(entry.reasons)}${entry.bodyText ? `<pre>${e(entry.bodyText)}</pre>` : ""}</article>`,
    )
    .join("");
  const documents = data.documents
    .map(
      (document) => `<article><h3>${e(document.title)}</h3>
<p class="muted">${when(document.createdAt)} · ${e(document.project)}</p>${reasons(document.reasons)}
${document.description ? `<pre>${e(document.description)}</pre>` : ""}
<ul>${document.versions
        .map(
          (version) =>
            `<li>${k("version", { number: version.number })}: ${e(version.fileName)} (${e(
              version.contentType,
            )}, ${e(new Intl.NumberFormat(formatLocaleOf(language)).format(version.sizeBytes))} B)</li>`,
        )
        .join("")}</ul></article>`,
    )
    .join("");
  const requests = data.requests
    .map(
      (request) => `<article><h3>${e(request.reference)} · ${e(request.title)}</h3>
<p class="muted">${when(request.createdAt)} · ${e(request.project)} · ${e(request.openedBy)}</p>
${reasons(request.reasons)}${request.descriptionText ? `<pre>${e(request.descriptionText)}</pre>` : ""}</article>`,
    )
    .join("");
  const comments = data.comments
    .map(
      (comment) => `<article><h3>${e(comment.requestReference)} · ${e(comment.requestTitle)}</h3>
<p class="muted">${when(comment.createdAt)} · ${e(comment.author)}</p>
${reasons(comment.reasons)}<pre>${e(comment.bodyText)}</pre></article>`,
    )
    .join("");
  const accessRows = data.accessLog.events
    .map((event) => `<tr><td>${when(event.at)}</td><td>${e(event.sentence)}</td></tr>`)
    .join("");

  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${k("title", { name: person.name })}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${k("title", { name: person.name })}</h1>
<p class="muted">${k("generated", { name: data.requestedBy.name })} ${when(data.generatedAt)}</p>
<div class="note"><p>${k("about")}</p><p>${k("filesNotIncluded")}</p><p>${k("review")}</p></div>
<section><h2>${e(t(`compliance.subjectExport.kinds.${person.kind}`))}</h2><dl>${recordRows}</dl>${userExtras}</section>
${section(k("entries"), data.entries.length, entries)}
${section(k("documents"), data.documents.length, documents)}
${section(k("requests"), data.requests.length, requests)}
${section(k("comments"), data.comments.length, comments)}
${section(
  k("accessLog"),
  data.accessLog.events.length,
  `<p class="muted">${k("accessLogIntro")}${data.accessLog.cut ? ` ${k("accessLogCut")}` : ""}</p>
<table><thead><tr><th>${k("when")}</th><th>${k("what")}</th></tr></thead><tbody>${accessRows}</tbody></table>`,
)}
</body>
</html>
`;
}
