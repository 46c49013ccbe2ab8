import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseViewState, serializeViewState } from '../../src/store/viewState';
import type { ViewState } from '../../src/store/viewState';

const EMPTY: ViewState = {
  doc: undefined,
  entity: undefined,
  relation: undefined,
  hiddenEntityTypes: [],
  hiddenRelationTypes: [],
};

/** Strings a key or an id might hold, awkward characters included. */
const awkward = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom(
      ',',
      '&',
      '=',
      '?',
      '#',
      '+',
      '%',
      '%2C',
      ' ',
      '/',
      'é',
      '’',
      '😀',
      'a',
      'Z',
      '-',
    ),
    minLength: 1,
    maxLength: 12,
  }),
);
const viewState: fc.Arbitrary<ViewState> = fc.record({
  doc: fc.option(awkward, { nil: undefined }),
  entity: fc.option(awkward, { nil: undefined }),
  relation: fc.option(awkward, { nil: undefined }),
  hiddenEntityTypes: fc.array(awkward, { maxLength: 5 }),
  hiddenRelationTypes: fc.array(awkward, { maxLength: 5 }),
});
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('serializeViewState', () => {
  it('gives an empty string for an empty state', () => {
    expect(serializeViewState(EMPTY)).toBe('');
    expect(serializeViewState({ ...EMPTY, doc: '', entity: '' })).toBe('');
  });

  it('writes keys in a fixed order and sorts the lists', () => {
    expect(
      serializeViewState({
        hiddenRelationTypes: ['told', 'fled'],
        hiddenEntityTypes: ['state', 'person'],
        relation: 'r2',
        entity: 'e-russia',
        doc: 'docs/a.json',
      }),
    ).toBe(
      '?doc=docs%2Fa.json&entity=e-russia&relation=r2&hide=person%2Cstate&hideRelations=fled%2Ctold',
    );
  });

  it('gives equal strings for equal states whatever the list order', () => {
    const a = serializeViewState({ ...EMPTY, hiddenEntityTypes: ['b', 'a', 'c'] });
    const b = serializeViewState({ ...EMPTY, hiddenEntityTypes: ['c', 'b', 'a'] });
    expect(a).toBe(b);
  });

  it('leaves out empty lists', () => {
    expect(serializeViewState({ ...EMPTY, entity: 'x', hiddenRelationTypes: [] })).toBe(
      '?entity=x',
    );
  });
});

describe('parseViewState', () => {
  it('reads an empty query as an empty state', () => {
    expect(parseViewState('')).toEqual(EMPTY);
    expect(parseViewState('?')).toEqual(EMPTY);
  });

  it('reads every key, with or without the question mark', () => {
    const expected: ViewState = {
      doc: 'a.json',
      entity: 'e1',
      relation: 'r1',
      hiddenEntityTypes: ['person', 'state'],
      hiddenRelationTypes: ['told'],
    };
    expect(
      parseViewState('?doc=a.json&entity=e1&relation=r1&hide=person,state&hideRelations=told'),
    ).toEqual(expected);
    expect(
      parseViewState('doc=a.json&entity=e1&relation=r1&hide=person,state&hideRelations=told'),
    ).toEqual(expected);
  });

  it('drops empty list items and ignores unknown keys', () => {
    expect(parseViewState('?hide=a,,b,&utm_source=x')).toEqual({
      ...EMPTY,
      hiddenEntityTypes: ['a', 'b'],
    });
  });

  it('keeps a comma inside an encoded list item', () => {
    expect(parseViewState('?hide=a%252Cb,c').hiddenEntityTypes).toEqual(['a,b', 'c']);
  });

  it('does not throw on a malformed or truncated link', () => {
    expect(parseViewState('?hide=%')).toEqual({ ...EMPTY, hiddenEntityTypes: ['%'] });
    expect(parseViewState('?hide=person%252,state').hiddenEntityTypes).toEqual([
      'person%2',
      'state',
    ]);
    expect(parseViewState('?hideRelations=%E0%A4%A').hiddenRelationTypes).toHaveLength(1);
  });
});

describe('view state round trip', () => {
  it('parses back what it serialized, with sorted lists', () => {
    fc.assert(
      fc.property(viewState, (state) => {
        const back = parseViewState(serializeViewState(state));
        expect(back).toEqual({
          ...state,
          hiddenEntityTypes: sorted(state.hiddenEntityTypes),
          hiddenRelationTypes: sorted(state.hiddenRelationTypes),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('serializes a parsed link to the same canonical string', () => {
    fc.assert(
      fc.property(viewState, (state) => {
        const once = serializeViewState(state);
        expect(serializeViewState(parseViewState(once))).toBe(once);
      }),
    );
  });

  it('round-trips commas, ampersands and unicode in every field', () => {
    const state: ViewState = {
      doc: 'https://example.org/a?b=1&c=2#x',
      entity: 'e,1&2',
      relation: 'r=😀',
      hiddenEntityTypes: ['armed-group', 'a,b', 'ç&d', 'Syria’s'],
      hiddenRelationTypes: ['100%', '%2C'],
    };
    expect(parseViewState(serializeViewState(state))).toEqual({
      ...state,
      hiddenEntityTypes: sorted(state.hiddenEntityTypes),
      hiddenRelationTypes: sorted(state.hiddenRelationTypes),
    });
  });
});
