import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { useAppStore } from '../../src/store/store';

// Each test starts from a fresh store and a clean URL (zustand docs: testing.md).
const initial = useAppStore.getInitialState();
beforeEach(() => {
  useAppStore.setState(initial, true);
  window.history.replaceState(null, '', '/');
});
afterEach(() => cleanup());
