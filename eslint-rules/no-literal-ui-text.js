// Every word a reader sees comes from the catalogues (app/locales), so German and English stay
// complete. This rule reports text written straight into markup: JSX text, string-valued
// attributes a reader sees or hears, and page titles in route modules' `meta`.

// Attributes whose value is read or heard by people (tooltips, screen readers, form hints).
const TEXT_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "alt",
  "placeholder",
  "label",
  // Our own components' text props (Card, Field, EmptyState, Alert…).
  "description",
  "hint",
  "heading",
  "legend",
  "message",
]);

// Text is fine when nothing in it needs translating: the product name, a single letter (a
// keyboard hint such as "K"), or only digits, punctuation and symbols ("·", "—", "…", "×").
export function needsTranslation(text) {
  const words = text.replace(/\bAmbit\b/g, "").trim();
  if (/^\p{L}$/u.test(words)) return false;
  return /\p{L}/u.test(words);
}

// The fixed pieces of text an expression can evaluate to: string literals and the static parts
// of template literals, through `a ? "x" : "y"` and `a ?? "x"`. Anything computed (a call to
// `t`, a variable) has no fixed text.
function fixedTexts(node) {
  if (!node) return [];
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" ? [node.value] : [];
    case "TemplateLiteral":
      return node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw);
    case "ConditionalExpression":
      return [...fixedTexts(node.consequent), ...fixedTexts(node.alternate)];
    case "LogicalExpression":
      return [...fixedTexts(node.left), ...fixedTexts(node.right)];
    case "JSXExpressionContainer":
      return fixedTexts(node.expression);
    case "TSAsExpression":
    case "TSSatisfiesExpression":
      return fixedTexts(node.expression);
    default:
      return [];
  }
}

const attributeName = (attribute) =>
  attribute.name.type === "JSXNamespacedName"
    ? `${attribute.name.namespace.name}:${attribute.name.name.name}`
    : attribute.name.name;

// `export const meta = …` or `export function meta …`, the function whose result is the head.
function isExportedMeta(fn) {
  const parent = fn.parent;
  if (fn.type === "FunctionDeclaration") {
    return fn.id?.name === "meta" && parent?.type === "ExportNamedDeclaration";
  }
  return (
    parent?.type === "VariableDeclarator" &&
    parent.id.type === "Identifier" &&
    parent.id.name === "meta" &&
    parent.parent?.parent?.type === "ExportNamedDeclaration"
  );
}

const isRouteModule = (filename) => /(^|\/)app\/routes\//.test(filename.replaceAll("\\", "/"));

const show = (text) => JSON.stringify(text.trim().replace(/\s+/g, " "));

/** @type {import("eslint").Rule.RuleModule} */
export const rule = {
  meta: {
    type: "problem",
    docs: { description: "Disallow hard-coded user-facing text; use the catalogues via t()." },
    schema: [],
    messages: {
      text: "Hard-coded text {{text}}: put it in app/locales (en and de) and use t().",
      attribute: "Hard-coded {{name}} {{text}}: put it in app/locales (en and de) and use t().",
      title: "Hard-coded page title {{text}}: put it in app/locales and use t() or pageTitle().",
    },
  },
  create(context) {
    const reportTexts = (node, messageId, texts, data = {}) => {
      for (const text of texts) {
        if (needsTranslation(text)) {
          context.report({ node, messageId, data: { ...data, text: show(text) } });
        }
      }
    };
    const routeModule = isRouteModule(context.filename);

    return {
      JSXText(node) {
        reportTexts(node, "text", [node.value]);
      },
      // `<p>{"Hello"}</p>` and `<p>{open ? "Hide" : "Show"}</p>` are JSX text in disguise.
      JSXExpressionContainer(node) {
        if (node.parent.type === "JSXElement" || node.parent.type === "JSXFragment") {
          reportTexts(node, "text", fixedTexts(node.expression));
        }
      },
      JSXAttribute(node) {
        const name = attributeName(node);
        if (TEXT_ATTRIBUTES.has(name)) {
          reportTexts(node, "attribute", fixedTexts(node.value), { name });
        }
      },
      Property(node) {
        if (!routeModule || node.computed) return;
        const key = node.key.type === "Identifier" ? node.key.name : node.key.value;
        if (key !== "title") return;
        const ancestors = context.sourceCode.getAncestors(node);
        const inMeta = ancestors.some(
          (ancestor) =>
            (ancestor.type === "ArrowFunctionExpression" ||
              ancestor.type === "FunctionExpression" ||
              ancestor.type === "FunctionDeclaration") &&
            isExportedMeta(ancestor),
        );
        if (inMeta) reportTexts(node.value, "title", fixedTexts(node.value));
      },
    };
  },
};

/** @type {import("eslint").ESLint.Plugin} */
export default { rules: { "no-literal-ui-text": rule } };
