export {
  contactRedaction,
  type ContactRedaction,
  entryRedactionSources,
  headerAddresses,
  headerFields,
  isDoc,
  parseAddress,
  redactionLabels,
  type RedactionLabels,
  type RedactionReader,
  type RedactionSources,
  seesAllContactDetails,
} from "./contact-redaction.server";
export { rolesForKind } from "./organization.server";
export { recordContactDetailsShown } from "./account.server";
export { listAccountContacts } from "./contact.server";
export { contactVisibility } from "./contact-visibility.server";
export {
  emailsIn,
  phoneKey,
  phoneKeysIn,
  redactDoc,
  redactText,
  wholeNamePattern,
  type RedactionRules,
} from "./contact-redaction";
