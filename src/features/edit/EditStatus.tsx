/** Undo and redo, with what they would undo or redo, and the last edit said aloud. */
import { useShallow } from 'zustand/react/shallow';
import {
  selectCanRedo,
  selectCanUndo,
  selectRedoLabel,
  selectUndoLabel,
} from '../../store/historySlice';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';

const selectHistory = (s: AppState) => ({
  canUndo: selectCanUndo(s),
  canRedo: selectCanRedo(s),
  undoLabel: selectUndoLabel(s),
  redoLabel: selectRedoLabel(s),
  last: s.lastEditLabel,
});

export function EditStatus() {
  const { canUndo, canRedo, undoLabel, redoLabel, last } = useAppStore(useShallow(selectHistory));
  return (
    <div className="edit-status">
      <button
        type="button"
        disabled={!canUndo}
        onClick={() => useAppStore.getState().undo()}
        aria-keyshortcuts="Control+Z"
        title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
      >
        Undo
      </button>
      <button
        type="button"
        disabled={!canRedo}
        onClick={() => useAppStore.getState().redo()}
        aria-keyshortcuts="Control+Shift+Z"
        title={redoLabel ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
      >
        Redo
      </button>
      <span role="status" className="edit-last">
        {last ?? ''}
      </span>
    </div>
  );
}
