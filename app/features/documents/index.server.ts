export { refusalMessage, rejectedMessage } from "./document-upload.server";
export {
  discardStored,
  insertDocuments,
  mayCreateDocuments,
  storeFiles,
} from "./document-write.server";
export { attachmentsColumn, type AttachmentView } from "./document.server";
export { listDocuments } from "./document.server";
export { mayOpenDocuments } from "./document-subject.server";
