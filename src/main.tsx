import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadBuiltinDocument } from './app/builtin';
import { useAppStore } from './store/store';
import './app/app.css';

useAppStore.getState().loadDocument(loadBuiltinDocument());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
