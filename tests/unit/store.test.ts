import { describe, it, expect, beforeEach } from 'vitest';
import json from '../../src/domain/builtin/hts-terror-list.json';
import { documentSchema } from '../../src/domain/schema';
import { sentenceOfMention } from '../../src/domain/indexes';
import type { AriadneDocument } from '../../src/domain/model';
import { currentViewState, useAppStore } from '../../src/store/store';
import { parseViewState, serializeViewState } from '../../src/store/viewState';

const doc: AriadneDocument = documentSchema.parse(json);
const get = () => useAppStore.getState();

/** The text of sentence `i` of the open document. */
const sentenceText = (i: number | null) => {
  const s = i === null ? undefined : get().index.sentences[i];
  return s ? get().index.doc.text.slice(s.start, s.end) : undefined;
};
/** Sentence index of each mention of an entity, in text order, found without the index. */
const mentionSentences = (entityId: string) => {
  const { sentences } = get().index;
  return doc.mentions
    .filter((m) => m.entityId === entityId)
    .map((m) => m.spans[0]?.start ?? -1)
    .sort((a, b) => a - b)
    .map((start) => sentences.findIndex((s) => s.start <= start && start < s.end));
};

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('store: initial state and loading', () => {
  it('starts with an empty document and nothing selected or hidden', () => {
    const s = get();
    expect(s.index.doc.text).toBe('');
    expect(s.index.sentences).toEqual([]);
    expect(s.docUrl).toBeUndefined();
    expect(s.selectedEntityId).toBeNull();
    expect(s.selectedRelationId).toBeNull();
    expect(s.currentSentence).toBeNull();
    expect(s.jump).toBeNull();
    expect(s.hiddenEntityTypes.size).toBe(0);
    expect(s.hiddenRelationTypes.size).toBe(0);
    expect(s.query).toBe('');
  });

  it('indexes a loaded document and remembers where it came from', () => {
    get().loadDocument(doc, 'docs/hts.json');
    expect(get().index.doc).toBe(doc);
    expect(get().index.entityById.size).toBe(doc.entities.length);
    expect(get().docUrl).toBe('docs/hts.json');
    get().loadDocument(doc);
    expect(get().docUrl).toBeUndefined();
  });

  it('resets selection, filters and query when a document is loaded', () => {
    get().loadDocument(doc);
    get().selectEntity('e-assad', { jump: true });
    get().selectRelation('r22', { jump: true });
    get().toggleEntityType('state');
    get().toggleRelationType('told');
    get().setQuery('assad');
    get().loadDocument(doc, 'again.json');
    const s = get();
    expect(s.selectedEntityId).toBeNull();
    expect(s.selectedRelationId).toBeNull();
    expect(s.mentionCursor).toBe(0);
    expect(s.currentSentence).toBeNull();
    expect(s.jump).toBeNull();
    expect(s.hiddenEntityTypes.size).toBe(0);
    expect(s.hiddenRelationTypes.size).toBe(0);
    expect(s.query).toBe('');
    expect(s.docUrl).toBe('again.json');
  });
});

describe('store: selecting entities', () => {
  beforeEach(() => get().loadDocument(doc));

  it('jumps to the sentence of the first mention and bumps the jump sequence each time', () => {
    get().selectEntity('e-zakharova', { jump: true });
    expect(get().selectedEntityId).toBe('e-zakharova');
    expect(get().mentionCursor).toBe(0);
    expect(get().currentSentence).toBe(2);
    expect(sentenceText(get().currentSentence)).toContain('Maria Zakharova');
    expect(get().jump).toEqual({ sentence: 2, seq: 1 });

    get().selectEntity('e-zakharova', { jump: true });
    expect(get().jump).toEqual({ sentence: 2, seq: 2 });

    get().selectEntity('e-assad', { jump: true });
    expect(get().currentSentence).toBe(10);
    expect(sentenceText(10)).toContain('Assad');
    expect(get().jump).toEqual({ sentence: 10, seq: 3 });
  });

  it('selects without moving when not asked to jump', () => {
    get().selectEntity('e-assad');
    expect(get().selectedEntityId).toBe('e-assad');
    expect(get().currentSentence).toBeNull();
    expect(get().jump).toBeNull();
  });

  it('puts the cursor on a given mention and marks its sentence without jumping', () => {
    const assadMentions = get().index.mentionsByEntity.get('e-assad') ?? [];
    const third = assadMentions[2];
    expect(third).toBeDefined();
    get().selectEntity('e-assad', { mentionId: third?.id });
    expect(get().mentionCursor).toBe(2);
    expect(get().currentSentence).toBe(mentionSentences('e-assad')[2]);
    expect(get().currentSentence).toBe(14);
    expect(get().jump).toBeNull();

    get().selectEntity('e-assad', { mentionId: third?.id, jump: true });
    expect(get().jump).toEqual({ sentence: 14, seq: 1 });
  });

  it('falls back to the first mention for a mention id the entity does not have', () => {
    get().selectEntity('e-assad', { mentionId: 'no-such-mention' });
    expect(get().mentionCursor).toBe(0);
    expect(get().currentSentence).toBe(10);
  });

  it('clears a selected relation when an entity is selected', () => {
    get().selectRelation('r22');
    get().selectEntity('e-assad');
    expect(get().selectedRelationId).toBeNull();
  });

  it('selects nothing for an unknown entity id, and does not jump', () => {
    get().selectEntity('e-assad', { jump: true });
    const before = get().jump;
    get().selectEntity('e-nobody', { jump: true });
    expect(get().selectedEntityId).toBeNull();
    expect(get().mentionCursor).toBe(0);
    expect(get().jump).toBe(before);
    expect(get().currentSentence).toBe(10);
  });

  it('clears the entity and relation selection with null', () => {
    get().selectEntity('e-assad');
    get().selectRelation('r22');
    get().selectEntity(null);
    expect(get().selectedEntityId).toBeNull();
    expect(get().selectedRelationId).toBeNull();
  });
});

describe('store: stepping through mentions', () => {
  beforeEach(() => get().loadDocument(doc));

  it('steps forward through every mention and wraps to the first', () => {
    const expected = mentionSentences('e-assad');
    expect(expected).toEqual([10, 13, 14, 15, 16, 20]);
    get().selectEntity('e-assad', { jump: true });
    const visited: number[] = [];
    for (let i = 0; i < expected.length; i++) {
      get().stepMention(1);
      visited.push(get().currentSentence ?? -1);
    }
    expect(visited).toEqual([13, 14, 15, 16, 20, 10]);
    expect(get().mentionCursor).toBe(0);
    expect(get().jump).toEqual({ sentence: 10, seq: 1 + expected.length });
  });

  it('steps backward from the first mention to the last', () => {
    get().selectEntity('e-assad');
    get().stepMention(-1);
    expect(get().mentionCursor).toBe(5);
    expect(get().currentSentence).toBe(20);
    expect(get().jump).toEqual({ sentence: 20, seq: 1 });
    get().stepMention(-1);
    expect(get().mentionCursor).toBe(4);
    expect(get().currentSentence).toBe(16);
    get().stepMention(1);
    get().stepMention(1);
    expect(get().mentionCursor).toBe(0);
    expect(get().currentSentence).toBe(10);
  });

  it('stays put on an entity with one mention but still jumps', () => {
    get().selectEntity('e-kardo-roj');
    get().stepMention(1);
    expect(get().mentionCursor).toBe(0);
    expect(get().currentSentence).toBe(1);
    expect(get().jump).toEqual({ sentence: 1, seq: 1 });
  });

  it('does nothing without a selected entity', () => {
    get().stepMention(1);
    expect(get().mentionCursor).toBe(0);
    expect(get().currentSentence).toBeNull();
    expect(get().jump).toBeNull();
  });

  it('does nothing for an entity without mentions', () => {
    get().loadDocument({
      ...doc,
      entities: [...doc.entities, { id: 'e-silent', name: 'Silent', type: 'person', aliases: [] }],
    });
    get().selectEntity('e-silent', { jump: true });
    expect(get().selectedEntityId).toBe('e-silent');
    expect(get().jump).toBeNull();
    get().stepMention(1);
    expect(get().currentSentence).toBeNull();
    expect(get().jump).toBeNull();
  });
});

describe('store: selecting relations', () => {
  beforeEach(() => get().loadDocument(doc));

  it('jumps to the first evidence sentence', () => {
    get().selectRelation('r22', { jump: true });
    expect(get().selectedRelationId).toBe('r22');
    expect(get().currentSentence).toBe(14);
    expect(sentenceText(14)).toBe('Asylum Granted to Assad in Moscow');
    expect(get().jump).toEqual({ sentence: 14, seq: 1 });
    get().selectRelation('r6', { jump: true });
    expect(get().currentSentence).toBe(13);
    expect(get().jump).toEqual({ sentence: 13, seq: 2 });
  });

  it('selects without moving when not asked to jump', () => {
    get().selectRelation('r22');
    expect(get().selectedRelationId).toBe('r22');
    expect(get().currentSentence).toBeNull();
    expect(get().jump).toBeNull();
  });

  it('keeps the selected entity', () => {
    get().selectEntity('e-assad');
    get().selectRelation('r22');
    expect(get().selectedEntityId).toBe('e-assad');
  });

  it('selects nothing for an unknown relation id, and does not jump', () => {
    get().selectRelation('r22');
    get().selectRelation('r-nope', { jump: true });
    expect(get().selectedRelationId).toBeNull();
    expect(get().jump).toBeNull();
    expect(get().currentSentence).toBeNull();
  });

  it('clears the selection but keeps the last jump', () => {
    get().selectEntity('e-assad', { jump: true });
    get().selectRelation('r22');
    const jump = get().jump;
    get().clearSelection();
    expect(get().selectedEntityId).toBeNull();
    expect(get().selectedRelationId).toBeNull();
    expect(get().currentSentence).toBeNull();
    expect(get().mentionCursor).toBe(0);
    expect(get().jump).toBe(jump);
  });
});

describe('store: filters', () => {
  beforeEach(() => get().loadDocument(doc));

  it('restores the entity type filter when toggled twice', () => {
    get().toggleEntityType('state');
    expect([...get().hiddenEntityTypes]).toEqual(['state']);
    get().toggleEntityType('person');
    expect([...get().hiddenEntityTypes].sort()).toEqual(['person', 'state']);
    get().toggleEntityType('state');
    get().toggleEntityType('person');
    expect(get().hiddenEntityTypes.size).toBe(0);
  });

  it('replaces the set on every toggle so subscribers see a change', () => {
    const before = get().hiddenEntityTypes;
    get().toggleEntityType('state');
    expect(get().hiddenEntityTypes).not.toBe(before);
    expect(before.size).toBe(0);
  });

  it('restores the relation type filter when toggled twice', () => {
    get().toggleRelationType('told');
    expect([...get().hiddenRelationTypes]).toEqual(['told']);
    expect(get().hiddenEntityTypes.size).toBe(0);
    get().toggleRelationType('told');
    expect(get().hiddenRelationTypes.size).toBe(0);
  });

  it('shows all types again', () => {
    get().toggleEntityType('state');
    get().toggleRelationType('told');
    get().showAllTypes();
    expect(get().hiddenEntityTypes.size).toBe(0);
    expect(get().hiddenRelationTypes.size).toBe(0);
  });

  it('stores the search query', () => {
    get().setQuery('Zakh');
    expect(get().query).toBe('Zakh');
  });
});

describe('store: view state', () => {
  beforeEach(() => get().loadDocument(doc, 'docs/hts.json'));

  it('applies a link’s selection and filters', () => {
    get().applyViewState({
      entity: 'e-assad',
      relation: 'r22',
      hiddenEntityTypes: ['state', 'media'],
      hiddenRelationTypes: ['told'],
    });
    const s = get();
    expect(s.selectedEntityId).toBe('e-assad');
    expect(s.selectedRelationId).toBe('r22');
    expect([...s.hiddenEntityTypes].sort()).toEqual(['media', 'state']);
    expect([...s.hiddenRelationTypes]).toEqual(['told']);
    expect(s.jump).toBeNull();
  });

  it('ignores ids and types the document does not have', () => {
    get().applyViewState({
      entity: 'e-nobody',
      relation: 'r-nope',
      hiddenEntityTypes: ['state', 'spaceship'],
      hiddenRelationTypes: ['bogus', 'told'],
    });
    const s = get();
    expect(s.selectedEntityId).toBeNull();
    expect(s.selectedRelationId).toBeNull();
    expect([...s.hiddenEntityTypes]).toEqual(['state']);
    expect([...s.hiddenRelationTypes]).toEqual(['told']);
  });

  it('clears a selection the link does not carry', () => {
    get().selectEntity('e-assad');
    get().selectRelation('r22');
    get().toggleEntityType('state');
    get().applyViewState({ hiddenEntityTypes: [], hiddenRelationTypes: [] });
    expect(get().selectedEntityId).toBeNull();
    expect(get().selectedRelationId).toBeNull();
    expect(get().hiddenEntityTypes.size).toBe(0);
  });

  it('takes the text to the first mention when asked to, as a link opening does', () => {
    const view = { hiddenEntityTypes: [], hiddenRelationTypes: [] };
    get().applyViewState({ ...view, entity: 'e-assad' });
    expect(get().jump).toBeNull();
    get().applyViewState(view);
    get().applyViewState({ ...view, entity: 'e-assad' }, { jump: true });
    const first = get().index.mentionsByEntity.get('e-assad')![0]!;
    expect(get().jump?.sentence).toBe(sentenceOfMention(get().index, first));
  });

  it('keeps the mention cursor when the link selects the entity already selected', () => {
    get().selectEntity('e-assad');
    get().stepMention(1);
    get().stepMention(1);
    get().applyViewState({ entity: 'e-assad', hiddenEntityTypes: [], hiddenRelationTypes: [] });
    expect(get().mentionCursor).toBe(2);
  });

  it('reflects the state in the view state', () => {
    expect(currentViewState(get())).toEqual({
      doc: 'docs/hts.json',
      entity: undefined,
      relation: undefined,
      hiddenEntityTypes: [],
      hiddenRelationTypes: [],
    });
    get().selectEntity('e-russia');
    get().selectRelation('r20');
    get().toggleEntityType('state');
    get().toggleEntityType('location');
    get().toggleRelationType('fled');
    const view = currentViewState(get());
    expect(view.doc).toBe('docs/hts.json');
    expect(view.entity).toBe('e-russia');
    expect(view.relation).toBe('r20');
    expect([...view.hiddenEntityTypes].sort()).toEqual(['location', 'state']);
    expect(view.hiddenRelationTypes).toEqual(['fled']);
  });

  it('gives an empty link for the built-in document with nothing selected', () => {
    get().loadDocument(doc);
    expect(serializeViewState(currentViewState(get()))).toBe('');
  });

  it('restores the same view from its own link', () => {
    get().selectEntity('e-zakharova');
    get().selectRelation('r18');
    get().toggleEntityType('media');
    get().toggleRelationType('part-of');
    const link = serializeViewState(currentViewState(get()));

    useAppStore.setState(useAppStore.getInitialState(), true);
    get().loadDocument(doc, 'docs/hts.json');
    get().applyViewState(parseViewState(link));
    expect(serializeViewState(currentViewState(get()))).toBe(link);
    expect(get().selectedEntityId).toBe('e-zakharova');
    expect(get().selectedRelationId).toBe('r18');
  });
});

describe('store: how the reader arranged the graph', () => {
  beforeEach(() => useAppStore.setState(useAppStore.getInitialState(), true));

  it('keeps where nodes are and which were dragged, per document, later places winning', () => {
    const s = useAppStore.getState();
    s.keepArrangement('d1', { a: { x: 1, y: 1 }, b: { x: 2, y: 2 } }, ['a']);
    const before = useAppStore.getState().arrangements;
    s.keepArrangement('d1', { b: { x: 5, y: 6 } }, ['b', 'a']);
    s.keepArrangement('d2', { a: { x: 0, y: 0 } });
    expect(useAppStore.getState().arrangements).not.toBe(before);
    expect(Object.fromEntries(useAppStore.getState().arrangements)).toEqual({
      d1: { positions: { a: { x: 1, y: 1 }, b: { x: 5, y: 6 } }, pinned: ['a', 'b'] },
      d2: { positions: { a: { x: 0, y: 0 } }, pinned: [] },
    });
  });

  it('unpins one document’s nodes and keeps their places; changes nothing for nothing', () => {
    const s = useAppStore.getState();
    s.keepArrangement('d1', { a: { x: 1, y: 1 } }, ['a']);
    s.keepArrangement('d2', { a: { x: 0, y: 0 } }, ['a']);
    s.unpinNodes('d1');
    const after = useAppStore.getState().arrangements;
    s.unpinNodes('d1');
    s.unpinNodes('d3');
    s.keepArrangement('d2', {});
    expect(useAppStore.getState().arrangements).toBe(after);
    expect(after.get('d1')).toEqual({ positions: { a: { x: 1, y: 1 } }, pinned: [] });
    expect(after.get('d2')?.pinned).toEqual(['a']);
  });

  it('forgets one document’s arrangement whole', () => {
    const s = useAppStore.getState();
    s.keepArrangement('d1', { a: { x: 1, y: 1 } }, ['a']);
    s.keepArrangement('d2', { a: { x: 0, y: 0 } });
    s.forgetArrangement('d1');
    const after = useAppStore.getState().arrangements;
    s.forgetArrangement('d1');
    expect(useAppStore.getState().arrangements).toBe(after);
    expect([...after.keys()]).toEqual(['d2']);
  });

  it('restores saved arrangements next to those made since', () => {
    const s = useAppStore.getState();
    s.keepArrangement('d1', { a: { x: 1, y: 1 } });
    s.restoreArrangements(new Map([['d2', { positions: { b: { x: 2, y: 2 } }, pinned: [] }]]));
    expect([...useAppStore.getState().arrangements.keys()].sort()).toEqual(['d1', 'd2']);
  });
});
