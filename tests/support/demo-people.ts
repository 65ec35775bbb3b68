/** The demo users of shared/DEMO_WORLD.md by first name, for the authorization matrix files. */
export const demoEmails = {
  ida: "ida@hansen.example",
  anna: "anna@hansen.example",
  tom: "tom@hansen.example",
  clara: "clara@hansen.example",
  lena: "lena@studio-lumen.example",
  jonas: "jonas@holzwerk-meyer.example",
  mara: "mara@wolff-design.example",
  eva: "eva@cafe-morgenrot.example",
  paul: "paul@kanzlei-brandt.example",
} as const;

export type DemoPerson = keyof typeof demoEmails;
export const HOST_PEOPLE = ["ida", "anna", "tom", "clara"] as const;
export const DEMO_PEOPLE = Object.keys(demoEmails) as DemoPerson[];

/** The demo projects and accounts of DEMO_WORLD.md, by name. */
export const GASTRAUM = "Morgenrot – Umbau Gastraum";
export const EMPFANG = "Brandt – Empfang";
export const TERRASSE = "Morgenrot – Terrasse";
export const MORGENROT = "Café Morgenrot GmbH";
export const BRANDT = "Kanzlei Brandt";

/** The nine history entries' marker words, by project (DEMO_WORLD.md, "History entries"). */
export const MARKERS_BY_PROJECT: Record<string, readonly string[]> = {
  [GASTRAUM]: ["AURORA", "KESTREL", "BIRCH", "LUPIN", "OSPREY", "MAPLE"],
  [EMPFANG]: ["QUARTZ", "TUNDRA"],
  [TERRASSE]: ["GLACIER"],
};
export const ENTRY_MARKERS = Object.values(MARKERS_BY_PROJECT).flat();

/** DEMO_WORLD.md's table "What each person must see": the history entries each person reads. */
export const ENTRIES_SEEN_BY: Record<DemoPerson, readonly string[]> = {
  ida: ENTRY_MARKERS,
  anna: ENTRY_MARKERS,
  tom: ENTRY_MARKERS,
  clara: ENTRY_MARKERS,
  lena: ["AURORA", "LUPIN", "MAPLE"],
  jonas: ["AURORA", "BIRCH", "OSPREY", "MAPLE"],
  mara: ["QUARTZ"],
  eva: ["AURORA", "LUPIN", "MAPLE"],
  paul: ["QUARTZ"],
};

/** The projects each person may open (Lena's Brandt membership expired yesterday). */
export const PROJECTS_SEEN_BY: Record<DemoPerson, readonly string[]> = {
  ida: [GASTRAUM, EMPFANG, TERRASSE],
  anna: [GASTRAUM, EMPFANG, TERRASSE],
  tom: [GASTRAUM, EMPFANG, TERRASSE],
  clara: [GASTRAUM, EMPFANG, TERRASSE],
  lena: [GASTRAUM],
  jonas: [GASTRAUM],
  mara: [EMPFANG],
  eva: [GASTRAUM],
  paul: [EMPFANG],
};

/** The projects whose documents page each person opens: the host, and live members with the
 * `documents` section (Jonas's Gastraum membership has no such section). */
export const DOCUMENT_PAGES_SEEN_BY: Record<DemoPerson, readonly string[]> = {
  ...PROJECTS_SEEN_BY,
  jonas: [],
};

/** The three documents' marker words, by project (DEMO_WORLD.md, "Documents"). */
export const DOCUMENTS_BY_PROJECT: Record<string, readonly string[]> = {
  [GASTRAUM]: ["HERON", "FALCON"],
  [EMPFANG]: ["IBIS"],
  [TERRASSE]: [],
};
export const DOCUMENT_MARKERS = Object.values(DOCUMENTS_BY_PROJECT).flat();

/** DEMO_WORLD.md's table "What each person must see": the documents each person reads. */
export const DOCUMENTS_SEEN_BY: Record<DemoPerson, readonly string[]> = {
  ida: DOCUMENT_MARKERS,
  anna: DOCUMENT_MARKERS,
  tom: DOCUMENT_MARKERS,
  clara: DOCUMENT_MARKERS,
  lena: ["HERON"],
  jonas: [],
  mara: [],
  eva: ["HERON"],
  paul: ["IBIS"],
};

/** The customer requests of DEMO_WORLD.md, and who reads each (an assignment lets Lena in). */
export const REQUEST_MARKERS = ["CORAL", "DELTA"] as const;
export const REQUESTS_SEEN_BY: Record<DemoPerson, readonly string[]> = {
  ida: REQUEST_MARKERS,
  anna: REQUEST_MARKERS,
  tom: REQUEST_MARKERS,
  clara: REQUEST_MARKERS,
  lena: ["CORAL"],
  jonas: [],
  mara: [],
  eva: ["CORAL"],
  paul: ["DELTA"],
};
/** CORAL's internal note: host staff only, on every route. */
export const SECRETNOTE_READERS: readonly DemoPerson[] = HOST_PEOPLE;
