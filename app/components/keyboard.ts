/** Is the key press meant for a text field or the editor (so single-key shortcuts stay quiet)? */
export function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    target.closest("[contenteditable]:not([contenteditable=false])") !== null
  );
}
