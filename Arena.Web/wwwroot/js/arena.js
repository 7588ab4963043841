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

// Voting shortcuts: 1/A = A is better, 2/B = B is better, 3/T = tie, 4/X = both are bad. A vote button
// lists its keys in data-vote-keys; only enabled buttons react, and never while typing in a field.
document.addEventListener("keydown", (e) => {
  if (e.defaultPrevented || e.repeat || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
  const target = e.target;
  if (target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select, dialog"))) return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : "";
  if (!key) return;
  for (const button of document.querySelectorAll("button[data-vote-keys]")) {
    if (!button.disabled && button.dataset.voteKeys.split(" ").includes(key)) {
      e.preventDefault();
      button.click();
      return;
    }
  }
});

// Copy buttons on code blocks (rendered server-side with the answer). Feedback is in the button's text
// and announced through the page's polite live region.
document.addEventListener("click", async (e) => {
  const button = e.target instanceof Element ? e.target.closest("button.code-copy") : null;
  if (!button) return;
  const code = button.closest(".code-block")?.querySelector("pre code");
  if (!code) return;
  let text = "Copied";
  try {
    await navigator.clipboard.writeText(code.textContent);
  } catch {
    text = "Copy failed";
  }
  button.textContent = text;
  button.classList.add("is-done");
  const status = document.getElementById("copy-status");
  if (status) status.textContent = text === "Copied" ? "Code copied to the clipboard." : "Copying failed; select the code and copy it by hand.";
  clearTimeout(button._arenaTimer);
  button._arenaTimer = setTimeout(() => {
    button.textContent = "Copy";
    button.classList.remove("is-done");
  }, 1800);
});

window.arena = {
  // Opens a <dialog> as a modal: the rest of the page becomes inert and Esc closes it.
  showModal: (dialog) => {
    if (!dialog.open) dialog.showModal();
  },
  closeModal: (dialog) => {
    if (dialog.open) dialog.close();
  },
  focus: (element) => element?.focus(),

  // Counts the reveal's numbers up to their final text: elements carry data-count-from/-to and keep
  // the server's text at the end. Skipped when the user prefers reduced motion.
  countUp: (root) => {
    const items = root.querySelectorAll("[data-count-to]");
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    for (const el of items) {
      const from = Number(el.dataset.countFrom ?? 0);
      const to = Number(el.dataset.countTo);
      const finalText = el.textContent;
      const signed = el.dataset.countSigned === "true";
      if (!Number.isFinite(from) || !Number.isFinite(to) || from === to) continue;
      const duration = 900;
      const start = performance.now();
      const format = (v) => {
        const magnitude = Math.abs(v).toFixed(1);
        if (!signed) return v.toFixed(1);
        return magnitude === "0.0" ? "±0.0" : (v > 0 ? "+" : "\u2212") + magnitude;
      };
      const step = (now) => {
        const t = Math.min(1, (now - start) / duration);
        const eased = 1 - Math.pow(1 - t, 3);
        el.textContent = t < 1 ? format(from + (to - from) * eased) : finalText;
        if (t < 1) requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    }
  },
};

// Keeps Tab inside an open modal dialog (wrapping at both ends), whatever the browser does natively.
document.addEventListener("keydown", (e) => {
  if (e.key !== "Tab") return;
  const dialog = document.querySelector("dialog[open]");
  if (!dialog) return;
  const focusable = [...dialog.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])')]
    .filter((el) => el.offsetParent !== null);
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
    e.preventDefault();
    first.focus();
  }
});

// Puts text on the clipboard; false when the browser refuses (the caller says so).
window.arena.copyText = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};
