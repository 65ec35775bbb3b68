export { choosePreviewParty, previewChoices, previewProject } from "./preview-as.server";
