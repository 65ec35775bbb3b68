// "Who can see this, and why": one panel for every shared item (entries, documents, attachments).
export const sharing = {
  explain: {
    title: "Who can see this, and why",
    description: {
      entry:
        "Worked out from the sharing of this entry and each organisation's live membership of the project.",
      document:
        "Worked out from the sharing of this document and each organisation's live membership of the project.",
      attachment:
        "This file is attached to an entry and shared as the entry is: worked out from that sharing and each organisation's live membership of the project.",
      request:
        "Worked out from whose request it is, whom it is assigned to, and each organisation's live membership of the project.",
      project:
        "Worked out from each organisation's live membership of the project; each sees only the sections its membership includes, and there only what is shared with it.",
    },
    host: "Everyone at {{name}}",
    hostReason: {
      entry: "The host company sees every entry of every project.",
      document: "The host company sees every document of every project.",
      attachment: "The host company sees every entry of every project, and its attachments.",
      request: "The host company sees every request of every project.",
      project: "The host company sees every project.",
    },
    canRead: "Can see it",
    cannotRead: "Cannot see it",
    notShared: "Not shared with this organisation.",
    lacksSection:
      "Shared with this organisation, but its membership does not include the section “{{section}}”.",
    onlyNamed: "Only named people: {{names}}",
    sections: "Sections: {{sections}}",
    previewAs: "See it as {{name}} does",
    noMembers: "No other organisation is a member of this project.",
    reasons: {
      shared: {
        allMembers: "Shared with all members, and their membership includes “{{section}}”.",
        organization: "Shared with this organisation, and its membership includes “{{section}}”.",
        partners: "Shared with partners, and this membership includes “{{section}}”.",
        customer: "Shared with the customer, and its membership includes “{{section}}”.",
      },
      attached: {
        allMembers:
          "Attached to an entry shared with all members, and their membership includes “{{section}}”.",
        organization:
          "Attached to an entry shared with this organisation, and its membership includes “{{section}}”.",
        partners:
          "Attached to an entry shared with partners, and this membership includes “{{section}}”.",
        customer:
          "Attached to an entry shared with the customer, and its membership includes “{{section}}”.",
      },
      assigned: "The request is assigned to this organisation.",
      customerRequests: "It is this organisation's request, and its membership includes requests.",
      assignedRequestFiles: "Sent with a request assigned to this organisation.",
      customerRequestFiles: "Sent with one of this organisation's requests.",
      liveMembership: "Its live membership lets it into the project.",
    },
  },
  // "Preview as": the project through a member organisation's eyes, for its owner and auditors.
  preview: {
    title: "Preview as a member",
    intro:
      "See this project exactly as a member organisation, or one of its users, sees it: through their own permissions.",
    organization: "Organisation",
    person: "As",
    anyone: "Any user of {{name}}",
    expiredChoice: "{{name}} (membership expired)",
    show: "Show",
    personOf: "{{person}} ({{organization}})",
    banner: "Preview: you see “{{project}}” as {{party}} sees it.",
    bannerNote:
      "Read-only. Nothing is done in their name; only your preview is recorded in the audit log.",
    end: "End preview",
    noChoices:
      "No other organisation is a member of this project yet. Add a member, then preview what it will see.",
    access: "Their access",
    sections: "Sections of their membership",
    notOpened: "Sections they do not open",
    contacts: "Contact persons they see",
    detailsHidden: "Email and phone hidden",
    noContacts: "They see no contact persons of this customer.",
    members: "Members they see",
    nothingShared: "Nothing here is shared with them.",
    more: "They see more; these are the newest {{count}}.",
    closed: {
      title: "{{party}} cannot open this project.",
      expired: "The membership expired on {{date}}.",
      notNamed: "The membership is limited to named people, and this user is not one of them.",
      other: "No live membership lets them in.",
      notFound: "To them the project does not exist: its address answers “not found”.",
    },
  },
};
