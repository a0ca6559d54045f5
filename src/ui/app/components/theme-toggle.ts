import type { Store } from "../state.ts";

const STORAGE_KEY = "locust-bun-theme";

/** The remembered theme, else the system preference. */
export function initialTheme(): "light" | "dark" {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "light" || saved === "dark") return saved;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** The ◐ button: switches light/dark, remembers the choice, and sets `dark` on `<html>`. */
export function mountThemeToggle(store: Store): void {
  const apply = (theme: "light" | "dark") => {
    document.documentElement.classList.toggle("dark", theme === "dark");
    document.documentElement.dataset.theme = theme;
  };
  apply(store.state.theme);
  document.getElementById("theme-toggle")!.addEventListener("click", () => {
    const theme = store.state.theme === "dark" ? "light" : "dark";
    localStorage.setItem(STORAGE_KEY, theme);
    apply(theme);
    store.update({ theme });
  });
}
