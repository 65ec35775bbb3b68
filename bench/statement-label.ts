/**
 * "select sessions ⋈ users" from a statement's text: its verb and the tables it names, so a
 * reader sees where a page's statements come from without reading each one.
 */
export function statementLabel(query: string): string {
  const text = query.replace(/\s+/g, " ").trim();
  const first = (/^\w+/.exec(text)?.[0] ?? "?").toLowerCase();
  // A count is a statement of its own kind on a page (the "new since" badges, the totals).
  const verb = first === "select" && /^select count\(/i.test(text) ? "count" : first;
  const tables: string[] = [];
  // A `with` query's own names are no tables.
  const defined = new Set(
    [...text.matchAll(/"?(\w+)"? as (?:not )?(?:materialized )?\(/gi)].map((match) => match[1]),
  );
  // `for update` and `do update set` lock or upsert; they name no table.
  const named = /\b(?:from|join|into|(?<!(?:for|do|key) )update)\s+("?[a-z_][\w.]*"?)/gi;
  for (const match of text.matchAll(named)) {
    const table = match[1]!.replaceAll('"', "");
    // `from (select …)` and set-returning functions are no table of ours.
    if (/^(select|lateral|unnest|jsonb?_\w+|generate_series)$/i.test(table)) continue;
    if (defined.has(table)) continue;
    if (!tables.includes(table)) tables.push(table);
  }
  if (tables.length === 0) return verb;
  const shown = tables.slice(0, 4).join(" ⋈ ");
  return `${verb} ${shown}${tables.length > 4 ? ` ⋈ … (${tables.length} tables)` : ""}`;
}
