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
    },
    host: "Everyone at {{name}}",
    hostReason: {
      entry: "The host company sees every entry of every project.",
      document: "The host company sees every document of every project.",
      attachment: "The host company sees every entry of every project, and its attachments.",
      request: "The host company sees every request of every project.",
    },
    canRead: "Can see it",
    cannotRead: "Cannot see it",
    notShared: "Not shared with this organisation.",
    lacksSection:
      "Shared with this organisation, but its membership does not include the section “{{section}}”.",
    onlyNamed: "Only named people: {{names}}",
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
    },
  },
};
