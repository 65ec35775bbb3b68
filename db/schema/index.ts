export * from "./identity";
export * from "./audit";
export * from "./mail";
export * from "./projects";
export * from "./history";
export * from "./documents";
export * from "./sharing";
export * from "./requests";
