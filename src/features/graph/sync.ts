/**
 * Bringing a drawn graph up to date after an edit of its document, in place: what changed is
 * changed, what went is removed, what is new is added beside its neighbours, and everything else
 * keeps its place. An edit (or an undo) must not re-lay out the graph the reader has been reading,
 * nor, on a large document, pay for drawing it all again.
 */
import type { Core, ElementDefinition, SingularElementArgument } from 'cytoscape';
import type { DocumentIndex } from '../../domain/indexes';
import { toElements } from './elements';
import { DENSE_EDGES, VIEW_CLASSES, bornDense } from './view';

function classList(def: ElementDefinition): string[] {
  const c = def.classes;
  const list = Array.isArray(c) ? c : String(c ?? '').split(/\s+/);
  return list.filter(Boolean).sort();
}

function sameData(ele: SingularElementArgument, data: Record<string, unknown>): boolean {
  const now = ele.data() as Record<string, unknown>;
  return Object.entries(data).every(([k, v]) => now[k] === v);
}

/** Where a new node goes: beside a drawn neighbour, else in the middle of the view. */
function placeNew(cy: Core, index: DocumentIndex, id: string, k: number): { x: number; y: number } {
  const angle = k * 2.4; // the golden angle, so that several new nodes do not stack
  for (const r of index.relationsByEntity.get(id) ?? []) {
    const other = cy.$id(r.source === id ? r.target : r.source);
    if (other.nonempty() && other.isNode()) {
      const p = other.position();
      return { x: p.x + 90 * Math.cos(angle), y: p.y + 90 * Math.sin(angle) };
    }
  }
  const ext = cy.extent();
  const r = 30 * Math.sqrt(k);
  return {
    x: (ext.x1 + ext.x2) / 2 + r * Math.cos(angle),
    y: (ext.y1 + ext.y2) / 2 + r * Math.sin(angle),
  };
}

export interface SyncResult {
  added: number;
  removed: number;
  changed: number;
}

/**
 * Makes the graph hold the elements of `index` for the entities `only` (all when absent), keeping
 * the position of every node that stays. Returns what it did.
 */
export function syncElements(
  cy: Core,
  index: DocumentIndex,
  only?: ReadonlySet<string>,
): SyncResult {
  const wanted = toElements(index, only);
  if (wanted.filter((e) => e.group === 'edges').length > DENSE_EDGES) bornDense(wanted);
  const byId = new Map(wanted.map((e) => [String(e.data.id), e]));
  const result: SyncResult = { added: 0, removed: 0, changed: 0 };
  cy.batch(() => {
    // An edge whose ends changed (a merge, a direction flipped) cannot be moved by data: it goes and
    // comes back.
    const gone = cy.elements().filter((ele) => {
      const def = byId.get(ele.id());
      if (!def) return true;
      if (!ele.isEdge()) return false;
      return def.data.source !== ele.data('source') || def.data.target !== ele.data('target');
    });
    result.removed = gone.length;
    cy.remove(gone);
    const fresh: ElementDefinition[] = [];
    let k = 0;
    for (const def of wanted) {
      const ele = cy.$id(String(def.data.id));
      if (ele.empty()) {
        if (def.group === 'nodes') def.position = placeNew(cy, index, String(def.data.id), k++);
        fresh.push(def);
        continue;
      }
      const data = def.data as Record<string, unknown>;
      const own = classList(def);
      const classes = ele.classes();
      const kept = classes.filter((c) => VIEW_CLASSES.has(c));
      const current = classes.filter((c) => !VIEW_CLASSES.has(c)).sort();
      const dataChanged = !sameData(ele, data);
      const classesChanged = own.join(' ') !== current.join(' ');
      if (dataChanged) ele.data(data);
      if (classesChanged) ele.classes([...own, ...kept]);
      if (dataChanged || classesChanged) result.changed++;
    }
    // Nodes first, so that new edges find their ends.
    cy.add(fresh.filter((d) => d.group === 'nodes'));
    cy.add(fresh.filter((d) => d.group === 'edges'));
    result.added = fresh.length;
  });
  return result;
}
