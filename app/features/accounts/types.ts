/** "Who can see this contact person", as the contact page shows it to host staff. */
export type ContactVisibility = {
  hostName: string;
  organizations: {
    organizationId: string;
    organizationName: string;
    /** Name and role; with the contacts section also email and phone; or nothing at all. */
    sees: "details" | "name" | "nothing";
  }[];
};
