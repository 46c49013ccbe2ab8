/**
 * Default colours and node shapes for types that do not bring their own. Colours come from the
 * Okabe–Ito and Tableau palettes (distinguishable with the common colour-vision deficiencies) and are
 * picked from the type key, so the same type keeps its colour across documents.
 */
import type { NodeShape, TypeDef } from './model';

const COLOURS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#8C564B',
  '#7F7F7F',
  '#B8860B',
  '#6A3D9A',
  '#1B9E77',
  '#E7298A',
  '#66A61E',
  '#A6761D',
  '#E41A1C',
  '#377EB8',
];
const SHAPES: NodeShape[] = [
  'ellipse',
  'round-rectangle',
  'diamond',
  'hexagon',
  'triangle',
  'octagon',
  'barrel',
  'tag',
  'star',
  'round-triangle',
  'vee',
  'rectangle',
];

function hash(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export interface ResolvedType extends TypeDef {
  readonly color: string;
  readonly shape: NodeShape;
}

/** Fills in colour and shape; `position` (the type's rank in its document) spreads them out. */
export function resolveType(def: TypeDef, position: number): ResolvedType {
  const h = hash(def.key);
  return {
    ...def,
    color: def.color ?? COLOURS[(position + h) % COLOURS.length] ?? '#7F7F7F',
    shape: def.shape ?? SHAPES[position % SHAPES.length] ?? 'ellipse',
  };
}

/** Black or white, whichever reads better on `hex`. */
export function textColourOn(hex: string): '#000' | '#fff' {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return '#000';
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = parseInt(c ?? '0', 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return lum > 0.35 ? '#000' : '#fff';
}
