import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { useAppStore } from '../../src/store/store';

// The app renders in StrictMode (main.tsx): components are tested the same way, so an effect that
// breaks when React mounts it twice fails here (the end-to-end tests drive the production build,
// where React does not do that).
configure({ reactStrictMode: true });

// Each test starts from a fresh store and a clean URL (zustand docs: testing.md).
const initial = useAppStore.getInitialState();
beforeEach(() => {
  useAppStore.setState(initial, true);
  window.history.replaceState(null, '', '/');
});
afterEach(() => cleanup());

// jsdom's Blob lacks arrayBuffer(); browsers have it. Read through FileReader, which jsdom has.
if (!Blob.prototype.arrayBuffer) {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}
