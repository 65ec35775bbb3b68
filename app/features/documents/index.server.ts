export { refusalMessage, rejectedMessage } from "./document-upload.server";
export {
  discardStored,
  insertDocuments,
  mayCreateDocuments,
  storeFiles,
} from "./document-write.server";
export { attachmentsColumn, type AttachmentView } from "./document.server";
