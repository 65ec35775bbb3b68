export { refusalMessage, rejectedMessage } from "./document-upload.server";
export {
  discardStored,
  insertDocuments,
  mayCreateDocuments,
  storeFiles,
} from "./document-write.server";
export { attachmentsOf } from "./document.server";
