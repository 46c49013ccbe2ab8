/**
 * Ways in: the "Open documents" file input (our JSON, brat .txt + .ann + annotation.conf, plain
 * .txt) and pasting text.
 */
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import { importChosenFiles, importIntoLibrary } from './importClient';

const selectImporting = (s: AppState) => s.importing;

export function OpenDocuments() {
  const importing = useAppStore(selectImporting);
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const onFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    await importChosenFiles(files);
    if (input.current) input.current.value = '';
  };
  const onPaste = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const fileName = `${(name.trim() || 'Pasted text').replace(/[\\/]/g, '-')}.txt`;
    await importIntoLibrary([{ name: fileName, bytes: new TextEncoder().encode(text) }]);
    setText('');
    setName('');
    setPasting(false);
  };

  return (
    <div className="open-documents">
      <label className="button-like">
        Open…
        <input
          ref={input}
          type="file"
          multiple
          aria-label="Open documents"
          accept=".json,.txt,.ann,.conf,application/json,text/plain"
          onChange={(e) => void onFiles(e.target.files)}
        />
      </label>
      <button type="button" onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
        Paste text
      </button>
      {importing && (
        <span role="status" className="importing">
          Importing {importing.files} {importing.files === 1 ? 'file' : 'files'}…
        </span>
      )}
      {pasting && (
        <form className="paste" onSubmit={(e) => void onPaste(e)}>
          <input
            aria-label="Title of the pasted document"
            placeholder="Title (optional)"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <textarea
            aria-label="Text to paste"
            placeholder="Paste an article here"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={8}
          />
          <button type="submit" disabled={!text.trim()}>
            Add to library
          </button>
        </form>
      )}
    </div>
  );
}
