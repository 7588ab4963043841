// Loaded synchronously in <head>, before the body is parsed: sets the theme before the first paint, so a
// light-theme visitor never sees a flash of the dark page. The choice is remembered in localStorage;
// on a first visit the system preference (prefers-color-scheme) decides.
(() => {
  const key = "arena-theme";
  const root = document.documentElement;
  const colors = { dark: "#0b0d12", light: "#f6f7fb" };

  const stored = () => {
    try {
      const value = localStorage.getItem(key);
      return value === "light" || value === "dark" ? value : null;
    } catch {
      return null; // storage blocked: fall back to the system preference
    }
  };

  const apply = (theme) => {
    root.dataset.theme = theme;
    const meta = document.querySelector('meta[name="theme-color"]');
    if (meta) meta.content = colors[theme];
  };

  apply(stored() ?? (matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark"));

  window.arenaTheme = {
    get: () => root.dataset.theme,
    set: (theme) => {
      if (theme !== "light" && theme !== "dark") throw new Error(`Unknown theme '${theme}'.`);
      apply(theme);
      try {
        localStorage.setItem(key, theme);
      } catch {
        // Not remembered, but still applied for this page.
      }
      return theme;
    },
  };
})();
