/**
 * The actor network as GraphML (http://graphml.graphdrawing.org/), for Gephi, Cytoscape desktop,
 * yEd, igraph and NetworkX.
 *
 * Entities are nodes, relations are edges. The graph is directed; a relation whose type is
 * symmetric ("is allied with") is an edge with `directed="false"`. Every value is a `<data>` element
 * under a declared `<key>`:
 * - nodes: label (the name), type, type_label, kind (actor or event), mentions (a count),
 *   description, aliases, color (`#RRGGBB` or as the type gives it) and r, g, b (0–255, when the
 *   colour is hex);
 * - edges: label (the type's label), type, certainty, evidence (the quotes, one per line), note.
 * Key ids equal their attribute names where the tools give a name a meaning: Gephi takes `label`
 * as the label and `color` or `r`/`g`/`b` as the colour, and reads some short ids (`d3`, `d7`) as
 * yEd's labels, so no key is named like those.
 *
 * Ids are kept when they are valid XML name tokens (as the GraphML schema asks); others become `n1`,
 * `n2` … for nodes and `r1`, `r2` … for edges. Text is escaped (`& < > " '`), carriage returns are
 * written as `&#13;` so they survive XML line-end normalisation, and characters XML 1.0 forbids
 * (most C0 controls, lone surrogates, U+FFFE, U+FFFF) are dropped.
 */
import type { AriadneDocument } from '../model';
import { resolveType } from '../palette';
import type { ResolvedType } from '../palette';

export const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';

/**
 * Drops what may not appear in an XML 1.0 document at all, even escaped: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 */
export function stripIllegalXmlChars(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let legal: boolean;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      legal = next >= 0xdc00 && next <= 0xdfff;
      if (legal) {
        i++;
        continue;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      legal = false; // a low surrogate not preceded by a high one
    } else {
      legal = c >= 0x20 ? c !== 0xfffe && c !== 0xffff : c === 0x09 || c === 0x0a || c === 0x0d;
    }
    if (!legal) {
      out += value.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? value : out + value.slice(from);
}

/** Removes what XML 1.0 cannot hold and escapes markup; safe in text and in quoted attributes. */
export function xmlEscape(value: string): string {
  return stripIllegalXmlChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** In attribute values XML turns line feeds and tabs into spaces unless they are references. */
function attrEscape(value: string): string {
  return xmlEscape(value).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

// A conservative NMTOKEN: ASCII name characters only.
const NMTOKEN = /^[A-Za-z0-9._:-]+$/;

/** Stable, unique, schema-valid ids: the original when it is a name token, else prefix + counter. */
function idMapper(prefix: string, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set(ids.filter((id) => NMTOKEN.test(id)));
  let n = 0;
  for (const id of ids) {
    if (out.has(id)) continue;
    if (NMTOKEN.test(id)) {
      out.set(id, id);
      continue;
    }
    let fresh: string;
    do fresh = `${prefix}${++n}`;
    while (used.has(fresh));
    used.add(fresh);
    out.set(id, fresh);
  }
  return out;
}

interface KeyDef {
  readonly id: string;
  readonly for: 'node' | 'edge';
  readonly name: string;
  readonly type: 'string' | 'int';
}

const KEYS: readonly KeyDef[] = [
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'type', for: 'node', name: 'type', type: 'string' },
  { id: 'type_label', for: 'node', name: 'type_label', type: 'string' },
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'mentions', for: 'node', name: 'mentions', type: 'int' },
  { id: 'description', for: 'node', name: 'description', type: 'string' },
  { id: 'aliases', for: 'node', name: 'aliases', type: 'string' },
  { id: 'color', for: 'node', name: 'color', type: 'string' },
  { id: 'r', for: 'node', name: 'r', type: 'int' },
  { id: 'g', for: 'node', name: 'g', type: 'int' },
  { id: 'b', for: 'node', name: 'b', type: 'int' },
  { id: 'edge_label', for: 'edge', name: 'label', type: 'string' },
  { id: 'edge_type', for: 'edge', name: 'type', type: 'string' },
  { id: 'certainty', for: 'edge', name: 'certainty', type: 'string' },
  { id: 'evidence', for: 'edge', name: 'evidence', type: 'string' },
  { id: 'note', for: 'edge', name: 'note', type: 'string' },
];

function rgb(color: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  const hex = m?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** Types with their colours resolved the way the app's index does (declared first, then used). */
function resolvedTypes(
  declared: readonly { key: string; label: string }[],
  used: readonly string[],
): Map<string, ResolvedType> {
  const out = new Map<string, ResolvedType>();
  for (const def of declared) if (!out.has(def.key)) out.set(def.key, resolveType(def, out.size));
  for (const key of used)
    if (!out.has(key)) out.set(key, resolveType({ key, label: key }, out.size));
  return out;
}

export function toGraphML(doc: AriadneDocument): string {
  const lines: string[] = [];
  const data = (indent: string, key: string, value: string | number | undefined) => {
    if (value === undefined || value === '') return;
    lines.push(`${indent}<data key="${key}">${xmlEscape(String(value))}</data>`);
  };

  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push(
    `<graphml xmlns="${GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NS} ${GRAPHML_NS}/1.0/graphml.xsd">`,
  );
  for (const k of KEYS) {
    lines.push(`  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`);
  }
  lines.push(`  <graph id="G" edgedefault="directed">`);

  const entityTypes = resolvedTypes(
    doc.entityTypes,
    doc.entities.map((e) => e.type),
  );
  const relationTypes = new Map(doc.relationTypes.map((t) => [t.key, t]));
  const mentions = new Map<string, number>();
  for (const m of doc.mentions) mentions.set(m.entityId, (mentions.get(m.entityId) ?? 0) + 1);

  const nodeIds = idMapper(
    'n',
    doc.entities.map((e) => e.id),
  );
  const written = new Set<string>();
  for (const e of doc.entities) {
    const id = nodeIds.get(e.id);
    if (id === undefined || written.has(id)) continue;
    written.add(id);
    const type = entityTypes.get(e.type);
    lines.push(`    <node id="${attrEscape(id)}">`);
    data('      ', 'label', e.name);
    data('      ', 'type', e.type);
    data('      ', 'type_label', type?.label ?? e.type);
    data('      ', 'kind', e.kind ?? 'actor');
    data('      ', 'mentions', mentions.get(e.id) ?? 0);
    data('      ', 'description', e.description);
    data('      ', 'aliases', e.aliases.join('; '));
    if (type) {
      data('      ', 'color', type.color);
      const channels = rgb(type.color);
      if (channels) {
        data('      ', 'r', channels[0]);
        data('      ', 'g', channels[1]);
        data('      ', 'b', channels[2]);
      }
    }
    lines.push('    </node>');
  }

  const edgeIds = idMapper(
    'r',
    doc.relations.map((r) => r.id),
  );
  const writtenEdges = new Set<string>();
  for (const r of doc.relations) {
    const id = edgeIds.get(r.id);
    const source = nodeIds.get(r.source);
    const target = nodeIds.get(r.target);
    // A relation to an entity that is not there cannot be drawn.
    if (id === undefined || source === undefined || target === undefined) continue;
    if (writtenEdges.has(id)) continue;
    writtenEdges.add(id);
    const type = relationTypes.get(r.type);
    const undirected = type?.symmetric ? ' directed="false"' : '';
    lines.push(
      `    <edge id="${attrEscape(id)}" source="${attrEscape(source)}" target="${attrEscape(target)}"${undirected}>`,
    );
    data('      ', 'edge_label', type?.label ?? r.type);
    data('      ', 'edge_type', r.type);
    data('      ', 'certainty', r.certainty);
    data('      ', 'evidence', r.evidence.map((q) => q.text).join('\n'));
    data('      ', 'note', r.note);
    lines.push('    </edge>');
  }

  lines.push('  </graph>');
  lines.push('</graphml>');
  return `${lines.join('\n')}\n`;
}
