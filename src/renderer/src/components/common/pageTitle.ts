import { watchEffect } from 'vue';

/** Keeps document.title in step with the view, so history entries and screen readers name the page. */
export function usePageTitle(title: () => string) {
  watchEffect(() => {
    document.title = `${title()} — Triad`;
  });
}
