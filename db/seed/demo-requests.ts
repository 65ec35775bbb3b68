import type {
  RequestCommentAudience,
  RequestEventKind,
  RequestPriority,
  RequestStatus,
  RequestType,
} from "../schema/values";

/**
 * The customer requests of the demo world: the two of shared/DEMO_WORLD.md (always seeded, the
 * tests' fixture) and the everyday ones around them that make the demo's queue come alive (never
 * in the fixture; none of them carries a marker word).
 *
 * Each request is written as a story of steps, the way people would have made them in the app;
 * `planRequest` replays a story into the rows the app's write paths would have left behind.
 */

/**
 * When something happened: at a German wall-clock time on the `day`-th working day (Monday to
 * Friday) before the day of seeding, or a number of minutes before the moment of seeding.
 * Every day is at least 1, so nothing lies in the future.
 */
export type RequestTime = { day: number; at: string } | { minutesAgo: number };

export type RequestStep =
  | { kind: "status"; to: RequestStatus; by: string; when: RequestTime; reason?: string }
  /** Hands the request to a partner organisation (its key), or back to the host (null). */
  | { kind: "assign"; to: string | null; by: string; when: RequestTime }
  | {
      kind: "comment";
      audience: RequestCommentAudience;
      by: string;
      when: RequestTime;
      body: string;
    }
  | { kind: "rate"; rating: number; comment: string; by: string; when: RequestTime };

export type DemoRequest = {
  project: "gastraum" | "empfang";
  title: string;
  type: RequestType;
  priority: RequestPriority;
  openedBy: string;
  when: RequestTime;
  /** Plain text; blank lines separate paragraphs. */
  description: string;
  steps: RequestStep[];
  /** What the queue shows for it whenever the demo is seeded (checked by the tests). */
  sla?: "breached" | "at_risk";
};

const ANNA = "anna@hansen.example";
const TOM = "tom@hansen.example";
const LENA = "lena@studio-lumen.example";
const JONAS = "jonas@holzwerk-meyer.example";
const MARA = "mara@wolff-design.example";
const EVA = "eva@cafe-morgenrot.example";
const PAUL = "paul@kanzlei-brandt.example";

/*
 * The steps of a story, each as who took it, when, and what they did: `reply` is a public
 * reply to all members, `partnerNote` one for the partners, `internalNote` one for the host.
 */

/** At a German wall-clock time on the `day`-th working day before the day of seeding. */
const on = (day: number, at: string): RequestTime => ({ day, at });

const status = (by: string, when: RequestTime, to: RequestStatus, reason?: string): RequestStep =>
  reason === undefined
    ? { kind: "status", to, by, when }
    : { kind: "status", to, by, when, reason };

const assign = (by: string, when: RequestTime, to: string | null): RequestStep => ({
  kind: "assign",
  to,
  by,
  when,
});

const comment =
  (audience: RequestCommentAudience) =>
  (by: string, when: RequestTime, body: string): RequestStep => ({
    kind: "comment",
    audience,
    by,
    when,
    body,
  });
const reply = comment("all_members");
const partnerNote = comment("partners");
const internalNote = comment("internal");

const rate = (by: string, when: RequestTime, rating: number, text: string): RequestStep => ({
  kind: "rate",
  rating,
  comment: text,
  by,
  when,
});

/** The two requests of DEMO_WORLD.md, with their marker words. */
export const demoRequests: DemoRequest[] = [
  {
    project: "gastraum",
    title: "Reklamation Stuhlfarbe CORAL",
    type: "complaint",
    priority: "high",
    openedBy: EVA,
    when: on(3, "09:30"),
    description:
      "Die Stühle wurden in Grau statt in Salbeigrün geliefert, obwohl wir im Farbkonzept Salbeigrün freigegeben haben. Betroffen sind alle 24 Stühle im Gastraum.\n\nFotos vom Lieferschein und von den Stühlen habe ich Anna Berg heute früh per E-Mail geschickt. Bitte tauschen Sie die Stühle vor der Wiedereröffnung aus.",
    steps: [
      status(ANNA, on(3, "10:10"), "in_progress"),
      assign(ANNA, on(3, "10:12"), "lumen"),
      reply(
        ANNA,
        on(3, "10:20"),
        "Danke für die Fotos, wir klären das mit Studio Lumen und melden uns bis Freitag.",
      ),
      internalNote(ANNA, on(3, "10:24"), "Kulanz prüfen SECRETNOTE"),
    ],
  },
  {
    project: "empfang",
    title: "Frage Rechnung Anzahlung DELTA",
    type: "question",
    priority: "normal",
    openedBy: PAUL,
    when: { minutesAgo: 170 },
    description:
      "Wir haben die Rechnung über die Anzahlung erhalten. Sind die 30 % auf die Netto- oder auf die Bruttosumme des Angebots berechnet?\n\nUnsere Buchhaltung braucht die Aufschlüsselung bis zum Monatsende.",
    steps: [],
  },
];

/** The everyday requests of the demo, over the last three weeks of both customer projects. */
export const backgroundRequests: DemoRequest[] = [
  {
    project: "empfang",
    title: "Akustikpaneele hinter dem Empfangstresen",
    type: "change",
    priority: "low",
    openedBy: PAUL,
    when: on(15, "13:00"),
    description:
      "Im Empfang hallt es stark, Telefonate am Tresen sind schlecht zu verstehen. Lassen sich an der Wand hinter dem Tresen Akustikpaneele anbringen, die zum Entwurf passen?",
    steps: [
      status(TOM, on(15, "14:10"), "in_progress"),
      assign(TOM, on(15, "14:12"), "wolff"),
      partnerNote(
        TOM,
        on(15, "14:15"),
        "Mara, bitte zwei Varianten mit Akustikpaneelen in den Entwurf aufnehmen. Budget für die Paneele höchstens 2.500 € netto.",
      ),
      reply(
        MARA,
        on(14, "11:30"),
        "Wir haben zwei Varianten ergänzt: schmale Lamellen in Nussbaum oder stoffbespannte Felder in Sandgrau. Beide dämpfen den Nachhall deutlich; die Lamellen greifen das Holz des Tresens auf.",
      ),
      internalNote(
        TOM,
        on(14, "12:05"),
        "Paneele über Akustikbau Nord beziehen, dort bekommen wir 18 % Händlerrabatt.",
      ),
      reply(PAUL, on(12, "16:40"), "Danke für die Entwürfe. Wir nehmen die Lamellen in Nussbaum."),
      reply(
        MARA,
        on(11, "09:15"),
        "Die Lamellen sind im finalen Entwurf enthalten und gehen zusammen mit dem Tresen in die Fertigung.",
      ),
      status(MARA, on(11, "09:20"), "resolved"),
    ],
  },
  {
    project: "empfang",
    title: "Bezugsstoff für die Sessel in der Wartezone",
    type: "question",
    priority: "normal",
    openedBy: TOM,
    when: on(13, "10:15"),
    description:
      "Paul Brandt hat angerufen: Die Kanzlei möchte für die Sessel in der Wartezone einen Bezug, der sich leicht reinigen lässt. Er fragt, welche Stoffe infrage kommen und ob es Muster gibt.",
    steps: [
      reply(
        TOM,
        on(13, "11:00"),
        "Zwei Bezüge sind in der engeren Wahl: ein Wollgemisch in Anthrazit und ein abwaschbares Kunstleder in Cognac. Die Muster schicken wir Ihnen heute per Post.",
      ),
      status(TOM, on(13, "11:02"), "waiting_on_customer", "Auswahl des Bezugs"),
      reply(
        PAUL,
        on(11, "17:45"),
        "Die Muster sind angekommen, wir nehmen das Kunstleder in Cognac.",
      ),
      reply(
        TOM,
        on(10, "09:10"),
        "Danke, das Kunstleder ist bestellt. Die Sessel kommen mit der übrigen Möblierung.",
      ),
      status(TOM, on(10, "09:12"), "resolved"),
    ],
  },
  {
    project: "gastraum",
    title: "Zusätzliche Steckdosen an den Fensterplätzen",
    type: "change",
    priority: "normal",
    openedBy: EVA,
    when: on(12, "14:30"),
    description:
      "Viele unserer Gäste arbeiten am Laptop. Können wir an den Fensterplätzen noch Steckdosen mit USB-Anschluss bekommen? Ideal wären vier Doppelsteckdosen.",
    steps: [
      status(ANNA, on(12, "15:40"), "in_progress"),
      reply(
        ANNA,
        on(12, "15:45"),
        "Das lässt sich noch einplanen, solange die Sitzbänke nicht montiert sind. Wo genau sollen die Steckdosen sitzen: unter der Fensterbank oder in der Rückwand der Bank?",
      ),
      status(ANNA, on(12, "15:47"), "waiting_on_customer", "Position der Steckdosen offen"),
      reply(
        EVA,
        on(11, "08:05"),
        "In der Rückwand der Bank, jeweils zwischen zwei Tischen. Das wären dann vier Stück.",
      ),
      internalNote(
        ANNA,
        on(11, "09:10"),
        "Elektriker rechnet mit rund 380 € netto Mehrkosten samt Kabelweg. Nachtrag an Eva schicken, die Marge bleibt im Rahmen.",
      ),
      reply(
        ANNA,
        on(8, "10:30"),
        "Das Nachtragsangebot für die vier Steckdosen haben wir Ihnen per E-Mail geschickt. Sobald Sie es freigeben, plant der Elektriker den Einbau ein.",
      ),
      status(ANNA, on(8, "10:32"), "waiting_on_customer", "Freigabe des Nachtragsangebots"),
    ],
  },
  {
    project: "gastraum",
    title: "Liefertermin Sitzbänke Fensterfront",
    type: "question",
    priority: "normal",
    openedBy: EVA,
    when: on(10, "08:50"),
    description:
      "Wann werden die Sitzbänke für die Fensterfront geliefert? Wir müssen die Tische vorher ausräumen und möchten unseren Stammgästen rechtzeitig Bescheid geben.",
    steps: [
      status(ANNA, on(10, "09:40"), "in_progress"),
      assign(ANNA, on(10, "09:42"), "meyer"),
      partnerNote(
        ANNA,
        on(10, "09:45"),
        "Jonas, kannst du den Liefertermin der Sitzbänke bestätigen? Eva braucht einen Tag Vorlauf, um den Raum freizuräumen.",
      ),
      reply(
        JONAS,
        on(10, "14:05"),
        "Die Sitzbänke sind in der Endmontage. Wir liefern in der kommenden Woche am Dienstag zwischen 7 und 9 Uhr, also vor der Öffnung des Cafés.",
      ),
      status(JONAS, on(10, "14:07"), "resolved"),
      rate(
        EVA,
        on(9, "18:30"),
        4,
        "Schnelle und klare Antwort, danke! Ein kurzer Anruf wäre noch persönlicher gewesen.",
      ),
    ],
  },
  {
    project: "gastraum",
    title: "Farbtemperatur der Pendelleuchten",
    type: "question",
    priority: "low",
    openedBy: EVA,
    when: on(9, "16:10"),
    description:
      "Im Moodboard stand „warmes Licht“. Welche Farbtemperatur bekommen die Pendelleuchten über den Tischen genau, und lassen sie sich dimmen?",
    steps: [
      status(ANNA, on(8, "08:30"), "in_progress"),
      assign(ANNA, on(8, "08:32"), "lumen"),
      partnerNote(
        ANNA,
        on(8, "08:35"),
        "Lena, bitte gib Eva die Angaben aus dem Lichtkonzept: Farbtemperatur und Dimmbarkeit.",
      ),
      reply(
        LENA,
        on(8, "13:10"),
        "Vorgesehen sind 2700 Kelvin, über die Wandtaster stufenlos dimmbar. Abends empfehlen wir etwa 40 Prozent Helligkeit: Das wirkt gemütlich, und die Speisekarte bleibt gut lesbar.",
      ),
      status(LENA, on(8, "13:12"), "resolved"),
      status(EVA, on(7, "09:05"), "closed", "Passt so, danke."),
    ],
  },
  {
    project: "gastraum",
    title: "Kratzer in der neuen Tresenfront",
    type: "complaint",
    priority: "high",
    openedBy: ANNA,
    when: on(6, "11:20"),
    description:
      "Eva Roth hat angerufen: Beim Einräumen der Kühlvitrine sind zwei tiefe Kratzer in die Tresenfront gekommen, auf Kniehöhe rechts neben der Kasse. Sie bittet um eine Ausbesserung, bevor es den Gästen auffällt.",
    steps: [
      status(ANNA, on(6, "11:25"), "in_progress"),
      assign(ANNA, on(6, "11:27"), "meyer"),
      reply(
        ANNA,
        on(6, "11:35"),
        "Wir haben Holzwerk Meyer gebeten, die Front auszubessern. Jonas Meyer meldet sich direkt mit einem Termin.",
      ),
      partnerNote(
        JONAS,
        on(5, "08:15"),
        "Ich kann früh um 7 Uhr mit Schleifpapier und Öl kommen und brauche etwa zwei Stunden. Welcher Tag passt, und wer schließt auf?",
      ),
      partnerNote(
        ANNA,
        on(5, "09:02"),
        "Das Café öffnet erst um 10 Uhr, jeder Werktag passt. Den Schlüssel hat Felix Roth.",
      ),
      reply(
        JONAS,
        on(3, "09:40"),
        "Die Kratzer sind abgeschliffen und nachgeölt. Nach zwei Tagen ist die Stelle ganz durchgetrocknet; bitte bis dahin nichts dagegenlehnen.",
      ),
      status(JONAS, on(3, "09:45"), "resolved"),
    ],
  },
  {
    project: "empfang",
    title: "Hinweisschild barrierefreier Zugang",
    type: "change",
    priority: "normal",
    openedBy: PAUL,
    when: on(4, "09:00"),
    sla: "at_risk",
    description:
      "Der barrierefreie Zugang liegt auf der Hofseite, das sieht man von der Straße aus nicht. Wir hätten gern ein Hinweisschild am Eingang und eines im Empfangsbereich, passend zur übrigen Beschilderung.",
    steps: [
      status(TOM, on(4, "10:20"), "in_progress"),
      assign(TOM, on(4, "10:25"), "wolff"),
      reply(
        TOM,
        on(4, "10:30"),
        "Gute Idee. Mara Wolff entwirft die beiden Schilder passend zur Beschilderung der Wartezone; den Entwurf bekommen Sie hier zur Freigabe.",
      ),
      partnerNote(
        MARA,
        on(2, "14:20"),
        "Der Entwurf steht fast. Gibt es Vorgaben der Hausverwaltung für Schilder an der Fassade, etwa zu Größe oder Material?",
      ),
      partnerNote(
        TOM,
        on(2, "16:05"),
        "An der Fassade höchstens DIN A4 und kein Leuchtschild, das Material ist frei.",
      ),
      reply(
        MARA,
        on(1, "10:10"),
        "Den Entwurf für beide Schilder haben wir Ihnen per E-Mail geschickt: gebürstetes Aluminium, Piktogramm und ein Pfeil zur Hofseite. Nach Ihrer Freigabe dauert die Herstellung etwa eine Woche.",
      ),
    ],
  },
  {
    project: "empfang",
    title: "Montage am Wochenende möglich?",
    type: "question",
    priority: "normal",
    openedBy: PAUL,
    when: on(3, "08:20"),
    description:
      "Können die Monteure den Empfangstresen an einem Samstag aufbauen? Unter der Woche stört der Lärm unsere Mandantengespräche.",
    steps: [
      reply(
        TOM,
        on(3, "09:05"),
        "Ein Samstag ist möglich, der Aufbau dauert etwa sechs Stunden. Wer schließt unseren Monteuren auf, und muss eine Alarmanlage ausgeschaltet werden? Bitte nennen Sie uns eine Ansprechperson mit Telefonnummer.",
      ),
      status(TOM, on(3, "09:07"), "waiting_on_customer", "Ansprechperson für den Samstag"),
    ],
  },
  {
    project: "gastraum",
    title: "Tresenbeleuchtung fällt immer wieder aus",
    type: "complaint",
    priority: "urgent",
    openedBy: EVA,
    when: on(2, "15:40"),
    sla: "breached",
    description:
      "Die LED-Leiste unter dem Tresen flackert seit heute Mittag und geht alle paar Minuten ganz aus. Abends ist der Tresen dann fast dunkel. Bitte schicken Sie dringend jemanden vorbei.",
    steps: [
      status(ANNA, on(2, "15:52"), "in_progress"),
      reply(
        ANNA,
        on(2, "15:58"),
        "Danke für die schnelle Meldung. Wir schicken morgen Vormittag einen Elektriker vorbei. Bis dahin lassen Sie die Leiste bitte über den Schalter im Lager ausgeschaltet.",
      ),
      internalNote(
        ANNA,
        on(1, "09:15"),
        "Der Elektriker kann erst übermorgen. Vermutlich ist das Netzteil defekt; Holzwerk Meyer hat die Leiste verbaut und soll Ersatz liefern.",
      ),
      assign(ANNA, on(1, "09:20"), "meyer"),
      partnerNote(
        ANNA,
        on(1, "09:22"),
        "Jonas, habt ihr für die Tresenleiste ein Ersatznetzteil auf Lager? Das Café braucht das Licht dringend.",
      ),
      partnerNote(
        JONAS,
        on(1, "11:40"),
        "Das Netzteil ist bestellt und kommt voraussichtlich in zwei Tagen. Ich baue es selbst ein.",
      ),
    ],
  },
  {
    project: "gastraum",
    title: "Folienbeschriftung für die Glastür",
    type: "change",
    priority: "normal",
    openedBy: ANNA,
    when: on(1, "11:00"),
    description:
      "Eva Roth wünscht sich auf der Glastür zum Gastraum die Öffnungszeiten und das Logo als Folienbeschriftung, im Stil der neuen Speisekarte.",
    steps: [
      assign(ANNA, on(1, "11:05"), "lumen"),
      status(ANNA, on(1, "11:06"), "in_progress"),
      reply(
        ANNA,
        on(1, "11:08"),
        "Studio Lumen übernimmt den Entwurf für die Türbeschriftung. Sie bekommen ihn hier zur Freigabe.",
      ),
      partnerNote(
        LENA,
        on(1, "15:30"),
        "Übernehmen wir gern. Wir brauchen das Logo als Vektordatei – gibt es die noch vom Projektstart?",
      ),
      partnerNote(
        ANNA,
        on(1, "16:10"),
        "Liegt im Projektordner unter Grafik, ich schicke dir den Link.",
      ),
    ],
  },
  {
    project: "gastraum",
    title: "Abholung der alten Barhocker",
    type: "question",
    priority: "low",
    openedBy: EVA,
    when: { minutesAgo: 95 },
    description:
      "Was passiert mit den alten Barhockern? Wir würden sie gern einem Sportverein in der Nachbarschaft spenden. Können Ihre Monteure sie beim Umbau mitnehmen und dort abliefern?",
    steps: [],
  },
];

/** What replaying a story needs to know about the world around it. */
export type RequestWorld = {
  /** The instant of a step. */
  timeOf: (when: RequestTime) => Date;
  /** The organisation key of a user (by email). */
  organizationOf: (email: string) => string;
  /** The customer organisation (key) of a project. */
  accountOf: (project: DemoRequest["project"]) => string;
  /** How long a resolved or closed request may be reopened (host settings). */
  reopenWindowDays: number;
};

/** A line of the request's history; `assigned` events name organisations by key. */
export type PlannedEvent = {
  kind: RequestEventKind;
  from: string | null;
  to: string | null;
  reason: string;
  actor: string;
  at: Date;
};

export type PlannedComment = {
  audience: RequestCommentAudience;
  author: string;
  body: string;
  at: Date;
};

/** A request as the app would have stored it after its story: its row, events and comments. */
export type PlannedRequest = {
  request: DemoRequest;
  openedAt: Date;
  status: RequestStatus;
  /** The assigned partner organisation's key. */
  assigned: string | null;
  resolvedAt: Date | null;
  reopenableUntil: Date | null;
  rating: number | null;
  ratingComment: string;
  ratedAt: Date | null;
  updatedAt: Date;
  events: PlannedEvent[];
  comments: PlannedComment[];
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * Replays a request's story as the app's write paths would (request-write.server.ts): the
 * opening, status moves with the reopening window, assignments, replies (a customer's public
 * reply to a request waiting on them puts it back in progress) and the rating.
 */
export function planRequest(request: DemoRequest, world: RequestWorld): PlannedRequest {
  const openedAt = world.timeOf(request.when);
  const plan: PlannedRequest = {
    request,
    openedAt,
    status: "new",
    assigned: null,
    resolvedAt: null,
    reopenableUntil: null,
    rating: null,
    ratingComment: "",
    ratedAt: null,
    updatedAt: openedAt,
    events: [
      {
        kind: "opened",
        from: null,
        to: JSON.stringify({ type: request.type, priority: request.priority }),
        reason: "",
        actor: request.openedBy,
        at: openedAt,
      },
    ],
    comments: [],
  };
  const customer = world.accountOf(request.project);
  const fail = (problem: string): never => {
    throw new Error(`demo request "${request.title}": ${problem}`);
  };
  const moveStatus = (to: RequestStatus, actor: string, reason: string, at: Date) => {
    if (to === plan.status) fail(`it is ${to} already`);
    const from = plan.status;
    const windowEnd = new Date(at.getTime() + world.reopenWindowDays * DAY_MS);
    if (to === "resolved") {
      plan.resolvedAt = at;
      plan.reopenableUntil = windowEnd;
    }
    if (to === "closed" && from !== "resolved") plan.reopenableUntil = windowEnd;
    if ((from === "resolved" || from === "closed") && to === "in_progress") {
      plan.reopenableUntil = null;
      plan.rating = null;
      plan.ratingComment = "";
      plan.ratedAt = null;
    }
    plan.status = to;
    plan.updatedAt = at;
    plan.events.push({ kind: "status", from, to, reason, actor, at });
  };

  let previous = openedAt;
  for (const step of request.steps) {
    const at = world.timeOf(step.when);
    // Strictly later than the step before: the history's order is its order in time.
    if (at.getTime() <= previous.getTime()) fail(`a ${step.kind} step is not after the one before`);
    previous = at;
    switch (step.kind) {
      case "status":
        moveStatus(step.to, step.by, step.reason ?? "", at);
        break;
      case "assign":
        if (step.to === plan.assigned) fail("assigned to the same organisation twice");
        plan.events.push({
          kind: "assigned",
          from: plan.assigned,
          to: step.to,
          reason: "",
          actor: step.by,
          at,
        });
        plan.assigned = step.to;
        plan.updatedAt = at;
        break;
      case "comment": {
        if (step.audience === "partners" && !plan.assigned) fail("a partner note, unassigned");
        plan.comments.push({ audience: step.audience, author: step.by, body: step.body, at });
        const customerAnswers =
          step.audience === "all_members" &&
          world.organizationOf(step.by) === customer &&
          plan.status === "waiting_on_customer";
        if (customerAnswers) moveStatus("in_progress", step.by, "", at);
        plan.updatedAt = at;
        break;
      }
      case "rate":
        if (plan.status !== "resolved" && plan.status !== "closed") fail("rated while open");
        plan.rating = step.rating;
        plan.ratingComment = step.comment;
        plan.ratedAt = at;
        plan.updatedAt = at;
        plan.events.push({
          kind: "rated",
          from: null,
          to: String(step.rating),
          reason: step.comment,
          actor: step.by,
          at,
        });
        break;
    }
  }
  return plan;
}
