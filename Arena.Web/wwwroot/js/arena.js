// Enter in a prompt box sends; Shift+Enter inserts a new line. The box names its send button in
// data-enter-sends. The box commits its text with a change event first, so the server has the text
// before the click. Delegated from the document, so it survives Blazor re-rendering the box.
document.addEventListener("keydown", (e) => {
  const box = e.target;
  if (!(box instanceof HTMLTextAreaElement) || !box.dataset.enterSends) return;
  if (e.key !== "Enter" || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  const send = document.getElementById(box.dataset.enterSends);
  if (!send || send.disabled) return;
  box.dispatchEvent(new Event("change", { bubbles: true }));
  send.click();
});
