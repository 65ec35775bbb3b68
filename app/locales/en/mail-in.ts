// Mail that reaches Ambit: capture addresses and the unresolved queue (app/features/mail-in).
export const mailIn = {
  capture: {
    title: "Add emails to this project",
    introOwn:
      "Put this address in BCC when you write from your own mail program, or forward a conversation to it: the mail and its attachments land in this project's contact history, shared with {{host}} and {{organization}}.",
    introAll:
      "Mail sent, forwarded or copied in BCC to an organisation's address lands in this project's contact history, shared with the host and that organisation. Only mail from that organisation's people lands; anything else waits in Unresolved mail.",
    copy: "Copy",
    copied: "Copied",
    copyLabel: "Copy the capture address of {{organization}}",
    rotate: "New address",
    rotateLabel: "Give {{organization}} a new capture address",
    rotateConfirm:
      "The current address stops working at once: mail sent to it afterwards waits in Unresolved mail. Continue?",
    alreadyRotated:
      "{{organization}}'s capture address had just been replaced by someone else. The address shown is the current one.",
    rotated: "{{organization}} has a new capture address.",
    rotateForbidden: "You cannot change this capture address.",
  },
  unresolved: {
    nav: "Unresolved mail",
    metaTitle: "Unresolved mail · Ambit",
    title: "Unresolved mail",
    intro:
      "Mail that reached a capture address but could not be placed safely. Only account managers and administrators see it. Place it in a project, or discard it with a reason; both are recorded in the audit log.",
    waiting_one: "{{count}} mail waits for a decision.",
    waiting_other: "{{count}} mails wait for a decision.",
    pages: "Pages of unresolved mail",
    firstPage: "Back to the oldest",
    nextPage: "Next page",
    emptyTitle: "Nothing waiting",
    emptyBody:
      "Mail from unknown senders, to old or unknown addresses, or for memberships that ended waits here until someone decides.",
    to: "To: {{addresses}}",
    showText: "Show the text",
    noText: "This mail has no text.",
    notKept:
      "This mail ({{size}}) was larger than Ambit keeps. It cannot be placed; ask the sender to send it in smaller parts.",
    project: "Project",
    chooseProject: "Choose a project",
    audience: "Shared with",
    presets: {
      internal: "Internal: host only",
      all_members: "All members",
      partners: "Partners",
      customer: "The customer",
    },
    assign: "Place in project",
    discardReason: "Reason for discarding",
    discard: "Discard",
    assigned: "The mail is now in the project's contact history.",
    alreadyThere: "This mail was already in the project's contact history.",
    discarded: "The mail was discarded.",
    errors: {
      gone: "This mail has already been placed or discarded.",
      notKept: "This mail's content was not kept, so it cannot be placed.",
      project: "Choose a project whose contact history you may write to.",
      audience: "Choose who may see it.",
      reason: "Enter a reason (at most 500 characters).",
    },
    reasons: {
      unknownAddress: {
        title: "Unknown address.",
        body: "None of its recipients is a current capture address: the address is mistyped, or it was replaced by a new one.",
      },
      membershipInactive: {
        title: "Membership not active.",
        body: "The address belongs to an organisation whose membership of {{project}} has ended or does not allow adding to the contact history.",
      },
      senderNotAllowed: {
        title: "Unknown sender.",
        body: "The sender is not one of the people of the organisation whose address it was sent to ({{project}}).",
      },
      senderUnverified: {
        title: "Sender not verified.",
        body: "The receiving mail server could not confirm that the mail comes from the sender's domain: the sender may be forged.",
      },
      requestClosed: {
        title: "Request closed.",
        body: "The mail answers a request ({{project}}) that is closed and can no longer be reopened.",
      },
      tooLarge: { title: "Too large.", body: "The mail is larger than Ambit keeps." },
      malformed: { title: "Not readable.", body: "The mail could not be read as an email." },
    },
  },
};
