export {
  ownMemberships,
  readableDocuments,
  readableEntries,
  readableEntriesByProject,
} from "./item-scope.server";
