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
