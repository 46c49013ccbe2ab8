/**
 * Keys that work anywhere outside a text field: ] and [ step through the selected actor's mentions,
 * / goes to search, Escape clears the selection.
 */
import { useEffect } from 'react';
import { useAppStore } from '../store/store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const s = useAppStore.getState();
      switch (e.key) {
        case ']':
        case 'n':
          s.stepMention(1);
          break;
        case '[':
        case 'p':
          s.stepMention(-1);
          break;
        case '/':
          document.getElementById('entity-search')?.focus();
          break;
        case 'Escape':
          s.clearSelection();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
