export { Badge } from "./components/project-status";
