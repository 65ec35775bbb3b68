export { ProjectPreviewPage } from "./components/project-preview-page";
export type { ProjectPreviewData } from "./types";
