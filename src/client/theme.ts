/**
 * The page theme: an explicit choice (stored, set as data-theme on <html>) or the system preference.
 * A `themechange` event tells interactive charts to re-render with the other palette.
 */
export type Theme = 'light' | 'dark';
const KEY = 'theme';

export function currentTheme(): Theme {
  const explicit = document.documentElement.dataset.theme;
  if (explicit === 'light' || explicit === 'dark') return explicit;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme, remember: boolean): void {
  document.documentElement.dataset.theme = theme;
  if (remember) {
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // Storage may be blocked (private mode); the choice then lasts for this page only.
    }
  }
  document.dispatchEvent(new CustomEvent('themechange', { detail: theme }));
}
