export const search = {
  metaTitle: "Search · Ambit",
  metaTitleFor: "{{query}} · Search · Ambit",
  title: "Search",
  intro:
    "Find calls, emails, letters, meetings, notes and requests in every project you can see, by the words in their subject or content.",
  shell: {
    label: "Search the contact history",
    placeholder: "Search…",
    shortcut: "Press / to search",
  },
  form: {
    label: "Search for",
    placeholder: "A word, a name or a \u201cphrase\u201d",
    project: "Project",
    allProjects: "All projects",
    submit: "Search",
  },
  errors: {
    empty: "Type what you are looking for.",
    tooShort_one: "Type at least {{count}} character.",
    tooShort_other: "Type at least {{count}} characters.",
    tooLong_one: "Use at most {{count}} character.",
    tooLong_other: "Use at most {{count}} characters.",
  },
  countCapped: "The newest {{count}} matches for \u201c{{query}}\u201d, best first",
  count_one: "{{count}} result for \u201c{{query}}\u201d",
  count_other: "{{count}} results for \u201c{{query}}\u201d",
  countInProject_one: "{{count}} result for \u201c{{query}}\u201d in {{project}}",
  countInProject_other: "{{count}} results for \u201c{{query}}\u201d in {{project}}",
  resultsLabel: "Search results",
  inProject: "{{project}} · {{account}}",
  byline: "{{author}} · {{organization}}",
  entriesTitle: "Contact history",
  requests: {
    title: "Requests",
    label: "Matching requests and comments on requests",
    request: "Request {{reference}}",
    comment: {
      all_members: "Public reply on request {{reference}}",
      partners: "Partner note on request {{reference}}",
      internal: "Internal note on request {{reference}}",
    },
    more: "The {{shown}} best of {{total}} matches in requests and their comments. Add words to find others.",
  },
  pagination: {
    label: "Result pages",
    previous: "Previous",
    next: "Next",
    status: "Page {{page}} of {{count}}",
  },
  empty: {
    title: "Nothing found for \u201c{{query}}\u201d",
    body: "Check the spelling or try fewer or other words. Only entries and requests you may read are searched.",
    bodyInProject:
      "Check the spelling, try fewer or other words, or search all projects. Only entries and requests you may read are searched.",
    allProjects: "Search all projects",
  },
  initial: {
    title: "Search the contact history",
    body: "Type a word from the subject or the content of an entry. German and English word forms count as the same word: \u201cKalkulationen\u201d finds \u201cKalkulation\u201d.",
    tips: "Put a phrase in \u201cquotes\u201d, exclude a word with a minus (-Entwurf), or join alternatives with \u201cor\u201d. Press / on any page to jump to search.",
  },
};
