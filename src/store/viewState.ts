/**
 * The part of the app's state a link carries: which document, which entity or relation is selected,
 * which types are filtered out. Pure functions between that state and a URL query string, so a reload
 * or a shared link shows the same view.
 */
export interface ViewState {
  readonly doc?: string;
  readonly entity?: string;
  readonly relation?: string;
  readonly hiddenEntityTypes: readonly string[];
  readonly hiddenRelationTypes: readonly string[];
}

const LIST_SEPARATOR = ',';

/** Decodes a list item; a malformed escape (a hand-edited or truncated link) is kept as typed. */
function decodeItem(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function list(value: string | null): string[] {
  if (!value) return [];
  return value.split(LIST_SEPARATOR).map(decodeItem).filter(Boolean);
}

export function parseViewState(search: string): ViewState {
  const p = new URLSearchParams(search);
  return {
    doc: p.get('doc') ?? undefined,
    entity: p.get('entity') ?? undefined,
    relation: p.get('relation') ?? undefined,
    hiddenEntityTypes: list(p.get('hide')),
    hiddenRelationTypes: list(p.get('hideRelations')),
  };
}

/** A canonical query string (sorted lists, fixed key order) so equal states give equal strings. */
export function serializeViewState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.doc) p.set('doc', state.doc);
  if (state.entity) p.set('entity', state.entity);
  if (state.relation) p.set('relation', state.relation);
  const join = (xs: readonly string[]) =>
    [...xs]
      .sort()
      .map((x) => encodeURIComponent(x))
      .join(LIST_SEPARATOR);
  if (state.hiddenEntityTypes.length) p.set('hide', join(state.hiddenEntityTypes));
  if (state.hiddenRelationTypes.length) p.set('hideRelations', join(state.hiddenRelationTypes));
  const s = p.toString();
  return s ? `?${s}` : '';
}
