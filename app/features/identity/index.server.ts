export { setUserDisabled } from "./user.server";
