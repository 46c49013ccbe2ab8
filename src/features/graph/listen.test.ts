import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import { listen } from './listen';

describe('listen', () => {
  it('binds each listener to its elements (or all, and the core) and unbinds them all', () => {
    const cy = cytoscape({
      headless: true,
      elements: [
        { data: { id: 'a' } },
        { data: { id: 'b' } },
        { data: { id: 'ab', source: 'a', target: 'b' } },
      ],
    });
    const seen: string[] = [];
    const unbind = listen(cy, [
      ['tap', 'node', (e) => seen.push(`node ${e.target.id() as string}`)],
      ['tap', null, (e) => seen.push(e.target === cy ? 'core' : `any ${e.target.id() as string}`)],
    ]);
    cy.$id('a').emit('tap');
    cy.$id('ab').emit('tap');
    cy.emit('tap');
    expect(seen).toEqual(['node a', 'any a', 'any ab', 'core']);
    unbind();
    cy.$id('a').emit('tap');
    cy.emit('tap');
    expect(seen).toHaveLength(4);
  });
});
