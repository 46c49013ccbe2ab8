import type { ResolvedType } from '../../domain/palette';

/** The colour and shape a type has in the graph, as a small inline mark (doubles as the legend). */
export function TypeSwatch({ type }: { type: ResolvedType }) {
  const round = type.shape === 'ellipse' ? '50%' : type.shape === 'round-rectangle' ? '3px' : '0';
  const clip =
    type.shape === 'diamond'
      ? 'polygon(50% 0,100% 50%,50% 100%,0 50%)'
      : type.shape === 'triangle' || type.shape === 'round-triangle'
        ? 'polygon(50% 0,100% 100%,0 100%)'
        : type.shape === 'hexagon'
          ? 'polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)'
          : type.shape === 'octagon'
            ? 'polygon(30% 0,70% 0,100% 30%,100% 70%,70% 100%,30% 100%,0 70%,0 30%)'
            : undefined;
  return (
    <span
      className="swatch"
      aria-hidden="true"
      style={{ background: type.color, borderRadius: round, clipPath: clip }}
    />
  );
}
