import { Placeholder } from "@tiptap/extension-placeholder";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import {
  Bold,
  Italic,
  Link2,
  List,
  ListOrdered,
  Quote,
  Strikethrough,
  type LucideIcon,
} from "lucide-react";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "~/components/ui/cn";
import { isAllowedHref, type RichTextDoc } from "~/kernel/rich-text/rich-text";

type Props = {
  /** The hidden field carrying the editor's JSON to the server. */
  name: string;
  labelId: string;
  /** The last submitted or stored JSON (a string, as the form sends it). */
  defaultValue?: string;
  placeholder?: string;
  errorId?: string;
  invalid?: boolean;
  /** Ctrl/⌘+Enter inside the editor submits its form. */
  onSubmitShortcut?: () => void;
};

function parseDoc(value: string | undefined): RichTextDoc | string {
  if (!value) return "";
  try {
    return JSON.parse(value) as RichTextDoc;
  } catch {
    return "";
  }
}

function ToolbarButton({
  icon: Icon,
  label,
  active,
  onClick,
}: {
  icon: LucideIcon;
  label: string;
  active: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={active}
      onClick={onClick}
      className={cn(
        "inline-flex size-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none",
        active && "bg-brand-50 text-brand-800",
      )}
    >
      <Icon aria-hidden className="size-4" />
    </button>
  );
}

function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [href, setHref] = useState<string>(() => editor.getAttributes("link").href ?? "https://");
  const [error, setError] = useState(false);
  const apply = () => {
    if (href.trim() === "" || href.trim() === "https://") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      onDone();
      return;
    }
    if (!isAllowedHref(href.trim())) {
      setError(true);
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter here must not submit the entry form.
    if (event.key === "Enter") {
      event.preventDefault();
      apply();
    }
    if (event.key === "Escape") {
      event.preventDefault();
      editor.commands.focus();
      onDone();
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-2 py-2">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {t("entryForm.editor.linkAddress")}
      </label>
      <input
        id={inputId}
        type="url"
        autoFocus
        value={href}
        onChange={(event) => {
          setHref(event.target.value);
          setError(false);
        }}
        onKeyDown={onKeyDown}
        aria-invalid={error || undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        className="min-h-9 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-sm"
      />
      <button
        type="button"
        onClick={apply}
        className="min-h-9 rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800"
      >
        {t("entryForm.editor.applyLink")}
      </button>
      {error ? (
        <p id={`${inputId}-error`} className="w-full text-sm font-medium text-red-700">
          {t("entryForm.errors.body.badLink")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The entry editor: tiptap with the small set of nodes and marks the server accepts. Its JSON
 * travels in a hidden field, so the form works like any other and keeps its content on errors.
 */
export function RichTextEditor({
  name,
  labelId,
  defaultValue,
  placeholder,
  errorId,
  invalid,
  onSubmitShortcut,
}: Props) {
  const { t } = useTranslation();
  // State, not a ref: React rewrites a hidden input's value attribute on every render.
  const [json, setJson] = useState(defaultValue ?? "");
  const [linking, setLinking] = useState(false);
  const submitShortcut = useRef(onSubmitShortcut);
  submitShortcut.current = onSubmitShortcut;

  const editor = useEditor({
    immediatelyRender: false,
    // The CSP allows no inline <style>; the editor's few rules live in app.css.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        code: false,
        codeBlock: false,
        gapcursor: false,
        heading: false,
        horizontalRule: false,
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: "https",
          isAllowedUri: (url) => isAllowedHref(url),
        },
      }),
      Placeholder.configure({ placeholder: placeholder ?? "" }),
    ],
    content: parseDoc(defaultValue),
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(errorId && invalid ? { "aria-describedby": errorId, "aria-invalid": "true" } : {}),
        class:
          "entry-body min-h-40 px-3 py-2 text-base text-slate-900 focus:outline-none sm:text-sm [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-1.5 [&_ul]:list-disc [&_ul]:pl-6",
      },
      handleKeyDown: (_view, event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          submitShortcut.current?.();
          return true;
        }
        if (event.key === "k" && (event.ctrlKey || event.metaKey)) {
          setLinking(true);
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => {
      setJson(JSON.stringify(current.getJSON()));
    },
  });

  const state = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current
        ? {
            bold: current.isActive("bold"),
            italic: current.isActive("italic"),
            strike: current.isActive("strike"),
            bulletList: current.isActive("bulletList"),
            orderedList: current.isActive("orderedList"),
            blockquote: current.isActive("blockquote"),
            link: current.isActive("link"),
          }
        : null,
  });

  const tools: { key: keyof NonNullable<typeof state>; icon: LucideIcon; run: () => void }[] =
    editor
      ? [
          { key: "bold", icon: Bold, run: () => editor.chain().focus().toggleBold().run() },
          { key: "italic", icon: Italic, run: () => editor.chain().focus().toggleItalic().run() },
          {
            key: "strike",
            icon: Strikethrough,
            run: () => editor.chain().focus().toggleStrike().run(),
          },
          {
            key: "bulletList",
            icon: List,
            run: () => editor.chain().focus().toggleBulletList().run(),
          },
          {
            key: "orderedList",
            icon: ListOrdered,
            run: () => editor.chain().focus().toggleOrderedList().run(),
          },
          {
            key: "blockquote",
            icon: Quote,
            run: () => editor.chain().focus().toggleBlockquote().run(),
          },
          { key: "link", icon: Link2, run: () => setLinking((open) => !open) },
        ]
      : [];

  return (
    <div
      className={cn(
        "overflow-hidden rounded-lg border bg-white shadow-sm focus-within:ring-2 focus-within:ring-brand-500",
        invalid ? "border-red-500" : "border-slate-300",
      )}
    >
      <input type="hidden" name={name} value={json} />
      {editor ? (
        <>
          <div
            role="toolbar"
            aria-label={t("entryForm.editor.toolbar")}
            className="flex flex-wrap gap-0.5 border-b border-slate-200 bg-slate-50 px-1 py-1"
          >
            {tools.map((tool) => (
              <ToolbarButton
                key={tool.key}
                icon={tool.icon}
                label={t(`entryForm.editor.${tool.key}`)}
                active={Boolean(state?.[tool.key])}
                onClick={tool.run}
              />
            ))}
          </div>
          {linking ? <LinkForm editor={editor} onDone={() => setLinking(false)} /> : null}
          <EditorContent editor={editor} />
        </>
      ) : (
        // Until the editor has loaded (or without JavaScript) a plain text box does the job.
        <textarea
          name={`${name}Plain`}
          aria-labelledby={labelId}
          rows={6}
          placeholder={placeholder}
          className="block min-h-40 w-full resize-y border-0 px-3 py-2 text-base focus:outline-none sm:text-sm"
        />
      )}
    </div>
  );
}
