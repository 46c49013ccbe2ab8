/** Helpers that read like a user script (after excalidraw's tests/helpers/ui.ts). */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { App } from '../../src/app/App';
import { loadBuiltinDocument } from '../../src/app/builtin';
import { useAppStore } from '../../src/store/store';

export function openBuiltinArticle() {
  useAppStore.getState().loadDocument(loadBuiltinDocument());
  const user = userEvent.setup();
  render(createElement(App));
  return { user };
}

export const details = () => screen.getByRole('complementary', { name: 'Entity details' });
export const article = () => screen.getByRole('article');
export const actorTypes = () => screen.getByRole('group', { name: 'Actor types' });
export const relationTypes = () => screen.getByRole('group', { name: 'Relation types' });
export const actorList = () => screen.getByRole('region', { name: /Actors/ });
export const searchBox = () => screen.getByRole('searchbox', { name: 'Search entities' });

/** The mention spans in the text that belong to an entity. */
export function mentionsOf(entityId: string): HTMLElement[] {
  return [...article().querySelectorAll<HTMLElement>(`[data-entity="${entityId}"]`)];
}

export function currentSentence(): string | null {
  const current = document.querySelectorAll('[aria-current="true"]');
  if (current.length > 1) throw new Error(`${current.length} sentences are current`);
  return current[0]?.getAttribute('data-sentence') ?? null;
}

export function actorButtons(): string[] {
  return within(actorList())
    .queryAllByRole('button')
    .map((b) => b.querySelector('.entity-name')?.textContent ?? '')
    .filter(Boolean);
}
