// Lint rules. The import/no-restricted-paths zones keep the layers honest: the domain imports
// nothing from the store or the views, and the store imports nothing from the views.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'bench/results.json', '.tmp-exp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // This warns that React Compiler skips components using TanStack Virtual; we do not build
      // with React Compiler, so there is nothing to skip.
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/domain',
              from: ['./src/store', './src/features', './src/app'],
              message: 'The domain is plain TypeScript: no store, no views.',
            },
            {
              target: './src/store',
              from: ['./src/features', './src/app'],
              message: 'The store sits below the views.',
            },
            {
              target: './src/features',
              from: ['./src/app'],
              message: 'Features do not reach into the app shell.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the domain is barred from React, zustand, Cytoscape and the DOM.
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'Not in the domain.' },
            { name: 'cytoscape', message: 'Not in the domain.' },
            { name: 'zustand', message: 'Not in the domain.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'The domain has no DOM.' },
        { name: 'window', message: 'The domain has no DOM.' },
      ],
    },
  },
);
