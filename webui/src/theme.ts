/**
 * Dark mode following the system: PatternFly's dark theme is a class on <html>, set from the
 * `prefers-color-scheme` media query and kept in step when it changes.
 */
export function followSystemColorScheme() {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => document.documentElement.classList.toggle('pf-v6-theme-dark', dark.matches);
  apply();
  dark.addEventListener('change', apply);
}
