/**
 * Keys that work anywhere outside a text field: ] and [ step through the selected actor's mentions,
 * / goes to search, Escape clears the selection, Ctrl+Z and Ctrl+Shift+Z undo and redo edits.
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
      if (isTyping(e.target)) return;
      const s = useAppStore.getState();
      // Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, outside text fields.
      if ((e.ctrlKey || e.metaKey) && !e.altKey) {
        const key = e.key.toLowerCase();
        if (key === 'z' && !e.shiftKey) s.undo();
        else if ((key === 'z' && e.shiftKey) || key === 'y') s.redo();
        else return;
        e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
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
