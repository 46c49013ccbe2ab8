import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import builtinJson from '../builtin/hts-terror-list.json';
import type { AriadneDocument } from '../model';
import { documentSchema } from '../schema';
import { GRAPHML_NS, stripIllegalXmlChars, toGraphML, xmlEscape } from './graphml';

const builtin = documentSchema.parse(builtinJson);

// ---------------------------------------------------------------------------------------------
// A tiny, strict XML 1.0 reader for what GraphML uses: a declaration, elements, attributes, text,
// character and the five predefined entity references, comments. It throws on anything not
// well-formed (unbalanced or mismatched tags, duplicate attributes, a raw `<` or `&`, characters
// XML forbids) and returns the element tree so tests can look inside.

interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9._:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

function parseXml(xml: string): XmlElement {
  for (const ch of xml) {
    const c = ch.codePointAt(0) ?? 0;
    if (!isXmlChar(c)) throw new Error(`character U+${c.toString(16)} is not allowed in XML`);
  }
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${i}: ${JSON.stringify(xml.slice(i, i + 30))}`);
  };
  const skipWs = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const name = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) fail('expected a name');
    i = NAME.lastIndex;
    return m![0];
  };
  const decode = (raw: string) =>
    raw.replace(/&([^;]*);|&/g, (_match, ref: string | undefined) => {
      if (ref === undefined) return fail('bare &');
      if (ref in ENTITIES) return ENTITIES[ref]!;
      const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
      if (!m) return fail(`unknown entity &${ref};`);
      const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      if (!isXmlChar(code)) return fail(`reference to a forbidden character ${code}`);
      return String.fromCodePoint(code);
    });
  const misc = () => {
    for (;;) {
      skipWs();
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipWs();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected white space before an attribute');
      const attr = name();
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      skipWs();
      if (xml[i] !== '=') fail('expected =');
      i++;
      skipWs();
      const q = xml[i];
      if (q !== '"' && q !== "'") fail('expected a quoted value');
      const end = xml.indexOf(q!, i + 1);
      if (end < 0) fail('unclosed attribute value');
      const raw = xml.slice(i + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      // Attribute value normalisation: literal white space becomes a space.
      el.attrs[attr] = decode(raw.replace(/[\t\n\r]/g, ' '));
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${el.name}>`);
      const raw = xml.slice(i, lt);
      if (raw.includes(']]>')) fail(']]> in text');
      el.text += decode(raw.replace(/\r\n?/g, '\n'));
      i = lt;
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipWs();
        if (xml[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
        continue;
      }
      el.children.push(element());
    }
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unclosed declaration');
    i = end + 2;
  }
  misc();
  const root = element();
  misc();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

const all = (el: XmlElement, name: string): XmlElement[] =>
  el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
const dataOf = (el: XmlElement) =>
  Object.fromEntries(
    el.children.filter((c) => c.name === 'data').map((d) => [d.attrs.key, d.text]),
  );

describe('the test XML reader', () => {
  it.each([
    ['<a><b></a></b>', '</a> closes <b>'],
    ['<a><b></b>', 'unclosed <a>'],
    ['<a x="1" x="2"/>', 'duplicate attribute'],
    ['<a>1 < 2</a>', 'expected a name'],
    ['<a>fish & chips</a>', 'bare &'],
    ['<a>&nbsp;</a>', 'unknown entity'],
    ['<a>\u0001</a>', 'not allowed in XML'],
    ['<a/><b/>', 'content after the root element'],
  ])('rejects %j', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------

describe('toGraphML', () => {
  const xml = toGraphML(builtin);
  const root = parseXml(xml);
  const graph = root.children.find((c) => c.name === 'graph');

  it('is well-formed GraphML in the GraphML namespace with a directed graph', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('graphml');
    expect(root.attrs.xmlns).toBe(GRAPHML_NS);
    expect(graph?.attrs.edgedefault).toBe('directed');
  });

  it('declares every key it uses, with unique ids, a domain and a type', () => {
    const keys = root.children.filter((c) => c.name === 'key');
    const ids = keys.map((k) => k.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    const declared = (forWhat: string) =>
      keys.filter((k) => k.attrs.for === forWhat).map((k) => k.attrs['attr.name']);
    expect(declared('node')).toEqual(
      expect.arrayContaining(['label', 'type', 'type_label', 'mentions', 'color']),
    );
    expect(declared('edge')).toEqual(
      expect.arrayContaining(['label', 'type', 'certainty', 'evidence']),
    );
    for (const k of keys) expect(['string', 'int']).toContain(k.attrs['attr.type']);
    // Keys come before the graph, as the GraphML schema requires.
    expect(root.children.at(-1)?.name).toBe('graph');
    const used = new Set(all(root, 'data').map((d) => d.attrs.key));
    for (const key of used) expect(ids).toContain(key);
    // Gephi reads the key ids d3 and d7 as yEd labels.
    expect(ids).not.toContain('d3');
    expect(ids).not.toContain('d7');
  });

  it('writes one node per entity with its name, type, mention count and colour', () => {
    const nodes = all(root, 'node');
    expect(nodes.map((n) => n.attrs.id)).toEqual(builtin.entities.map((e) => e.id));
    const russia = dataOf(nodes[0]!);
    expect(russia).toMatchObject({
      label: 'Russia',
      type: 'state',
      type_label: 'State',
      kind: 'actor',
      mentions: String(builtin.mentions.filter((m) => m.entityId === 'e-russia').length),
      color: '#0072B2',
      r: '0',
      g: '114',
      b: '178',
    });
  });

  it('writes one edge per relation, undirected only for symmetric types', () => {
    const edges = all(root, 'edge');
    expect(edges).toHaveLength(builtin.relations.length);
    const r1 = edges[0]!;
    expect(r1.attrs).toMatchObject({ id: 'r1', source: 'e-russia', target: 'e-hts' });
    expect(r1.attrs.directed).toBeUndefined();
    expect(dataOf(r1)).toMatchObject({
      edge_label: 'lists as terrorist',
      edge_type: 'designated-terrorist',
      certainty: 'stated',
      evidence: builtin.relations[0]!.evidence.map((q) => q.text).join('\n'),
    });
    const allied = edges.find((e) => dataOf(e).edge_type === 'allied-with');
    expect(allied?.attrs.directed).toBe('false');
  });

  it('escapes markup in names and keeps emoji', () => {
    const doc: AriadneDocument = {
      ...builtin,
      entities: [
        {
          id: 'e1',
          name: '<script>alert("x")</script>',
          type: 'person',
          aliases: ["O'Brien & Co"],
        },
        { id: 'e 2/ü', name: 'Flag 🇸🇾 and 😀', type: 'un<declared>', aliases: [] },
      ],
      mentions: [],
      relations: [
        {
          id: 'r"1"',
          type: 'told',
          source: 'e1',
          target: 'e 2/ü',
          evidence: [{ start: 0, end: 3, text: 'a]]>b\r\nc' }],
          note: 'tab\there',
        },
      ],
    };
    const out = toGraphML(doc);
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const tree = parseXml(out);
    const nodes = all(tree, 'node');
    expect(dataOf(nodes[0]!).label).toBe('<script>alert("x")</script>');
    expect(dataOf(nodes[0]!).aliases).toBe("O'Brien & Co");
    expect(dataOf(nodes[1]!).label).toBe('Flag 🇸🇾 and 😀');
    expect(dataOf(nodes[1]!).type).toBe('un<declared>');
    // An id that is not an XML name token is replaced, and the edge follows it.
    expect(nodes[1]!.attrs.id).toBe('n1');
    const edge = all(tree, 'edge')[0]!;
    expect(edge.attrs).toMatchObject({ id: 'r1', source: 'e1', target: 'n1' });
    expect(dataOf(edge).evidence).toBe('a]]>b\r\nc');
    expect(dataOf(edge).note).toBe('tab\there');
  });

  it('drops characters XML 1.0 forbids', () => {
    expect(stripIllegalXmlChars('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFF')).toBe('abcdef');
    expect(stripIllegalXmlChars('ok\t\n\r😀')).toBe('ok\t\n\r😀');
    expect(stripIllegalXmlChars('lone \uD800 high, lone \uDC00 low')).toBe('lone  high, lone  low');
    expect(xmlEscape('\u0000<&>"\'')).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('skips relations whose ends are missing rather than writing a dangling edge', () => {
    const doc: AriadneDocument = {
      ...builtin,
      relations: [{ ...builtin.relations[0]!, target: 'e-missing' }, builtin.relations[1]!],
    };
    expect(all(parseXml(toGraphML(doc)), 'edge')).toHaveLength(1);
  });

  it('is well-formed whatever the names, and keeps them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.string({ maxLength: 8 }), fc.string({ unit: xmlText, maxLength: 12 })),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (pairs) => {
          const doc: AriadneDocument = {
            ...builtin,
            entities: pairs.map(([id, name], k) => ({
              id: `${id}#${k}`,
              name,
              type: 'person',
              aliases: [],
            })),
            mentions: [],
            relations: [],
          };
          const tree = parseXml(toGraphML(doc));
          const nodes = all(tree, 'node');
          expect(new Set(nodes.map((n) => n.attrs.id)).size).toBe(pairs.length);
          expect(nodes.map((n) => dataOf(n).label ?? '')).toEqual(
            pairs.map(([, name]) => stripIllegalXmlChars(name)),
          );
        },
      ),
    );
  });
});

/** Characters that test escaping: markup, references, quotes, controls, surrogates, emoji. */
const xmlText = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  "'",
  ';',
  '#',
  ']',
  'a',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u0007',
  '\uFFFE',
  '\uD800',
  '\uDC00',
  '😀',
  'ü',
);
