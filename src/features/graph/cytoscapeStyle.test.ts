/**
 * Styling an element was Cytoscape's dearest step for new elements. patches/cytoscape+3.34.4.patch
 * acts on the triggers of its properties once per element (Cytoscape acted per property: ~20 times
 * for a new element, and for a node through all its edges each time) and hashes each style string
 * in one step. These tests pin both halves: less work, and the same result.
 */
import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, SingularElementArgument } from 'cytoscape';
import { collectionCalls } from '../../../tests/support/collectionCalls';
import { graphStyle } from './graphStyle';

const node = (id: string, classes = ''): ElementDefinition => ({
  data: { id, size: 30, color: '#123456', shape: 'ellipse', label: id.toUpperCase() },
  position: { x: id.length * 40, y: id.charCodeAt(id.length - 1) * 3 },
  classes,
});

const edge = (id: string, source: string, target: string, classes = ''): ElementDefinition => ({
  data: { id, source, target, label: 'knows' },
  classes,
});

/** A hub and its spokes. */
function hub(spokes: number): ElementDefinition[] {
  const elements = [node('hub')];
  for (let i = 0; i < spokes; i++) {
    elements.push(node(`n${i}`), edge(`e${i}`, 'hub', `n${i}`));
  }
  return elements;
}

function graph(elements: ElementDefinition[] = []): Core {
  return cytoscape({ headless: true, styleEnabled: true, style: graphStyle, elements });
}

/** Cytoscape styles an element lazily: reading a style applies it. */
const styled = (cy: Core) => cy.elements().forEach((e) => void e.style('display'));

/** The cached box, read without the checks that `boundingBox()` makes first. */
const cachedBox = (e: SingularElementArgument) =>
  (e as unknown as { _private: { bbCache: object | null } })._private.bbCache;

describe('style triggers (patched Cytoscape)', () => {
  it('acts once per new element, not once per property and edge', () => {
    const cy = graph();
    const [calls] = collectionCalls(['dirtyStyleCache'], () => {
      cy.add(hub(20));
      styled(cy);
    });
    // Unpatched: 369 for these 41 elements.
    expect(calls).toBe(41);
  });

  it('still dirties the box of a restyled element, before any read', () => {
    const cy = graph([node('a'), node('b'), edge('ab', 'a', 'b')]);
    const a = cy.$id('a');
    const before = a.boundingBox().w;
    a.addClass('end');
    a.style('border-width');
    expect(cachedBox(a)).toBeNull();
    const fresh = graph([node('a', 'end'), node('b'), edge('ab', 'a', 'b')]);
    expect(a.boundingBox()).toEqual(fresh.$id('a').boundingBox());
    expect(a.boundingBox().w).toBeGreaterThan(before);
  });

  it('still dirties the boxes of the relations of a node that is hidden', () => {
    const cy = graph([node('a'), node('b'), edge('ab', 'a', 'b')]);
    const ab = cy.$id('ab');
    ab.boundingBox();
    expect(cachedBox(ab)).not.toBeNull();
    cy.$id('a').addClass('filtered');
    cy.$id('a').style('display');
    expect(cachedBox(ab)).toBeNull();
  });

  it('gives an element born with its classes the style and box of one restyled to them', () => {
    const classes = ['near', 'end', 'event', 'faded'];
    const born = graph([node('a', classes.join(' ')), node('b'), edge('ab', 'a', 'b', 'near')]);
    const grown = graph([node('a'), node('b'), edge('ab', 'a', 'b')]);
    styled(grown);
    grown.$id('a').boundingBox();
    for (const c of classes) {
      grown.$id('a').addClass(c);
      styled(grown);
    }
    grown.$id('ab').addClass('near');
    styled(grown);
    styled(born);
    // The properties either element sets, as each has them (a property it does not set has
    // Cytoscape's default).
    const set = (e: SingularElementArgument) =>
      Object.keys((e as unknown as { _private: { style: object } })._private.style);
    const values = (e: SingularElementArgument, names: string[]) =>
      Object.fromEntries(names.map((k) => [k, e.style(k) as string]));
    for (const id of ['a', 'ab']) {
      const [x, y] = [born.$id(id), grown.$id(id)];
      const names = [...new Set([...set(x), ...set(y)])];
      expect(names.length).toBeGreaterThan(15);
      expect(values(y, names)).toEqual(values(x, names));
      expect(y.boundingBox()).toEqual(x.boundingBox());
    }
  });
});

describe('style keys (patched Cytoscape)', () => {
  it('gives a style restored after a selection the key it had before it', () => {
    // The keys tell the layered picture whether an element still looks as drawn there. An
    // element's first style leaves out the properties at their default (a dense edge's haystack
    // curve, a node's normal font weight); the selection sets them, and its end sets them back.
    const cy = graph([node('a'), node('b'), edge('ab', 'a', 'b', 'dense')]);
    styled(cy);
    const key = (id: string) =>
      (cy.$id(id) as unknown as { _private: { styleKey: number } })._private.styleKey;
    const before = [key('a'), key('ab')];
    cy.$id('a').select();
    cy.$id('ab').addClass('near');
    styled(cy);
    expect([key('a'), key('ab')]).not.toContain(before[0]);
    expect(key('ab')).not.toBe(before[1]);
    cy.$id('a').unselect();
    cy.$id('ab').removeClass('near');
    styled(cy);
    expect([key('a'), key('ab')]).toEqual(before);
  });

  it('hashes a style to the keys unpatched Cytoscape 3.34.4 computes', () => {
    // The keys name cached textures; the patch hashes each string in one step instead of
    // character by character, which must give the same numbers. These were computed unpatched,
    // with this sheet of its own (a few of graphStyle's rules, copied): a change of graphStyle
    // must not move them.
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(color)',
            shape: 'data(shape)' as never,
            width: 'data(size)',
            height: 'data(size)',
            label: 'data(label)',
            'font-family': 'system-ui, sans-serif',
            'text-wrap': 'wrap',
            'text-max-width': '110px',
            'border-width': 1.5,
            'border-color': '#ffffff',
          },
        },
        {
          selector: 'node.near',
          style: { 'border-width': 2.5, 'border-color': '#111', 'border-style': 'dashed' },
        },
        {
          selector: 'edge',
          style: {
            'line-color': '#8a96a3',
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            label: 'data(label)',
            'text-rotation': 'autorotate',
            'text-opacity': 0,
          },
        },
      ],
      elements: [
        {
          data: {
            id: 'a',
            size: 30,
            color: '#123456',
            shape: 'ellipse',
            label: 'Hayat Tahrir al-Sham 🕊',
          },
          classes: 'near',
        },
        { data: { id: 'b', size: 40, color: '#654321', shape: 'round-rectangle', label: 'B' } },
        { data: { id: 'ab', source: 'a', target: 'b', label: 'designated' } },
      ],
    });
    styled(cy);
    const keys = cy.elements().map((e) => {
      const p = (e as unknown as { _private: Record<string, number | null | undefined> })._private;
      return [e.id(), p.styleKey, p.labelKey, p.labelStyleKey, p.nodeKey ?? null];
    });
    expect(keys).toEqual([
      ['a', 3734153340966761, 3326686507972751, 874849652006772, 18695677717369],
      ['b', -3849310497961238, -3818314495073690, 3660174018331691, -560068693146173],
      ['ab', -2745867719972749, 1244915916717469, -3154567091616190, null],
    ]);
  });
});
