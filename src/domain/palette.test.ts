import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { resolveType, textColourOn } from './palette';

describe('resolveType', () => {
  it('keeps a colour and a shape the type brings', () => {
    expect(
      resolveType({ key: 'person', label: 'Person', color: '#abcdef', shape: 'star' }, 3),
    ).toEqual({
      key: 'person',
      label: 'Person',
      color: '#abcdef',
      shape: 'star',
    });
  });

  it('gives the same type the same colour and shape every time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat({ max: 50 }), (key, position) => {
        const a = resolveType({ key, label: key }, position);
        const b = resolveType({ key, label: key }, position);
        expect(a).toEqual(b);
        expect(a.color).toMatch(/^#[0-9A-F]{6}$/);
        expect(a.shape).toBeTruthy();
      }),
    );
  });

  it('spreads shapes by position', () => {
    const shapes = Array.from(
      { length: 12 },
      (_, i) => resolveType({ key: 'x', label: 'x' }, i).shape,
    );
    expect(new Set(shapes).size).toBe(12);
  });

  it('spreads colours by position for the same key', () => {
    const colours = Array.from(
      { length: 16 },
      (_, i) => resolveType({ key: 'x', label: 'x' }, i).color,
    );
    expect(new Set(colours).size).toBe(16);
  });
});

describe('textColourOn', () => {
  it('picks black on light colours and white on dark ones', () => {
    expect(textColourOn('#ffffff')).toBe('#000');
    expect(textColourOn('#E69F00')).toBe('#000');
    expect(textColourOn('#000000')).toBe('#fff');
    expect(textColourOn('#0072B2')).toBe('#fff');
  });

  it('accepts a colour without the hash', () => {
    expect(textColourOn('000000')).toBe('#fff');
  });

  it('falls back to black for a colour it cannot read', () => {
    expect(textColourOn('red')).toBe('#000');
    expect(textColourOn('#fff')).toBe('#000');
  });
});
