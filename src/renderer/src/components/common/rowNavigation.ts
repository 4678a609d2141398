// Table rows that open something: focusable, Enter opens, arrow keys move between rows, a click anywhere
// on the row opens it (links inside keep their own behaviour).
import { useRouter, type RouteLocationRaw } from 'vue-router';

export function useRowNavigation() {
  const router = useRouter();

  function open(to: RouteLocationRaw) {
    void router.push(to);
  }

  function onClick(event: MouseEvent, to: RouteLocationRaw) {
    if ((event.target as HTMLElement | null)?.closest('a, button, input, select, summary')) return;
    if (window.getSelection()?.toString()) return; // the user is selecting text to copy, not navigating
    open(to);
  }

  function onKeydown(event: KeyboardEvent, to: RouteLocationRaw) {
    const row = event.currentTarget as HTMLElement;
    if (event.key === 'Enter' && event.target === row) {
      event.preventDefault();
      open(to);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const sibling = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      if (sibling instanceof HTMLElement && sibling.tabIndex >= 0) {
        event.preventDefault();
        sibling.focus();
      }
    }
  }

  return { open, onClick, onKeydown };
}
