/**
 * Deterministic, realistic-looking annotated documents for the benchmark: seeded, so every run
 * measures the same input. Names repeat with aliases (a surname, an acronym), about one mention per
 * ten words where the actors and their relations leave room for it (100,000 words with 5,000
 * actors: one per 9.2; 10,000 words with 1,000 actors: one per 5.3), about 1.5 relations per
 * entity, each relation stated in a sentence naming both ends.
 */
import type { AriadneDocument, Entity, Mention, Relation, TypeDef } from '../src/domain/model';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = (
  'the of and to in a that for on with as was at by from its after said has have had been ' +
  'would will could government officials talks ceasefire agreement region forces statement ' +
  'week city border report according security support during against meeting minister new ' +
  'country people political military economic international local sources earlier later ' +
  'while since amid over under between both several many further called warned noted added'
).split(' ');
const SYLLABLES =
  'ka ro mi na tel sar vo din al ber ush ten kor ami ves lan dro pel zi mon ra sul har ek'.split(
    ' ',
  );
const VERBS = [
  'met with',
  'criticised',
  'supported',
  'accused',
  'negotiated with',
  'visited',
  'warned',
  'funded',
];
const TYPES: TypeDef[] = [
  { key: 'person', label: 'Person' },
  { key: 'state', label: 'State' },
  { key: 'government', label: 'Government body' },
  { key: 'armed-group', label: 'Armed group' },
  { key: 'media', label: 'Media outlet' },
  { key: 'location', label: 'Place' },
];
/** About one mention per this many words, where the relations leave room (see `filler`). */
const MENTION_EVERY = 10;
/** At most this many filler words added at once, so that no sentence turns into a list of them. */
const MAX_EXTRA_FILLER = 12;
const RELATION_TYPES: TypeDef[] = VERBS.map((v) => ({ key: v.replace(/\s+/g, '-'), label: v }));

interface Actor {
  entity: Entity;
  forms: string[];
}

export interface GenerateOptions {
  readonly words: number;
  readonly entities: number;
  readonly seed?: number;
  /** The first line and the title; by default "Generated report of N words". */
  readonly title?: string;
}

export function generateDocument({
  words,
  entities,
  seed = 42,
  title = `Generated report of ${words} words`,
}: GenerateOptions): AriadneDocument {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const word = () =>
    cap(Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(SYLLABLES)).join(''));

  const actors: Actor[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < entities; i++) {
    const type = TYPES[i % TYPES.length]!.key;
    let name = '';
    let forms: string[] = [];
    do {
      if (type === 'person') {
        const last = word();
        name = `${word()} ${last}`;
        forms = [name, last];
      } else if (type === 'government' || type === 'armed-group' || type === 'media') {
        const parts = [
          word(),
          word(),
          type === 'media' ? 'News' : type === 'government' ? 'Ministry' : 'Front',
        ];
        name = parts.join(' ');
        forms = [name, parts.map((p) => p[0]).join('')];
      } else {
        name = word();
        forms = [name];
      }
    } while (usedNames.has(name));
    usedNames.add(name);
    actors.push({
      entity: { id: `e${i + 1}`, name, type, aliases: forms.slice(1) },
      forms,
    });
  }

  // Zipf-like popularity: a few actors are everywhere, most appear a handful of times.
  const weights = actors.map((_, i) => 1 / (i + 1) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => ((cumulative[i] = acc + w / total), acc + w / total), 0);
  const popular = () => {
    const r = rand();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 1) < r) lo = mid + 1;
      else hi = mid;
    }
    return actors[lo]!;
  };

  // Text is built as parts with a running length: string concatenation on a 700 kB text would be
  // quadratic once anything trims it.
  const parts: string[] = [];
  let length = 0;
  const emit = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  const mentions: Mention[] = [];
  const relations: Relation[] = [];
  let wordCount = 0;
  const mention = (actor: Actor) => {
    const useAlias = actor.forms.length > 1 && rand() < 0.45;
    const form = useAlias ? pick(actor.forms.slice(1)) : actor.forms[0]!;
    const start = length;
    emit(form);
    mentions.push({
      id: `m${mentions.length + 1}`,
      entityId: actor.entity.id,
      spans: [{ start, end: length }],
      text: form,
    });
    wordCount += form.split(' ').length;
  };
  // About one mention per ten words: filler grows while the text so far is denser than that.
  // Where the actors and their relations leave no room for it (10,000 words with 1,000 actors
  // and 1,500 relations, each relation's sentence naming both ends), the text stays denser.
  const filler = (n: number) => {
    const behind = mentions.length * MENTION_EVERY - wordCount;
    const onTrack = relations.length >= (relationBudget * wordCount) / words;
    const extra = behind > 0 && onTrack ? Math.min(MAX_EXTRA_FILLER, Math.ceil(behind / 4)) : 0;
    const ws = Array.from({ length: n + extra }, () => pick(FILLER));
    emit(ws.join(' '));
    wordCount += n + extra;
  };
  let sentences = 0;

  const relationBudget = Math.round(entities * 1.5);
  let nextUnseen = 0;
  const actor = () => (nextUnseen < actors.length ? actors[nextUnseen++]! : popular());
  // About one in three sentences states relations: "A verb B and C, …" states A→B and A→C.
  const sentence = () => {
    const start = length;
    // State relations often enough to reach the budget by the end of the text.
    const perSentence = sentences > 0 ? wordCount / sentences : 13;
    sentences++;
    const remaining = Math.max(1, (words - wordCount) / perSentence);
    const need = (relationBudget - relations.length) / remaining / 2;
    const stating = relations.length < relationBudget && rand() < Math.min(1, Math.max(0.2, need));
    if (stating) {
      const a = actor();
      const extra = need > 0.6 ? 2 : rand() < 0.5 ? 1 : 0;
      const targets = [popular(), ...Array.from({ length: extra }, actor)].filter(
        (b, i, all) => b !== a && all.indexOf(b) === i,
      );
      const verb = pick(VERBS);
      emit(cap(pick(FILLER)) + ' ');
      wordCount++;
      mention(a);
      emit(` ${verb} `);
      wordCount += verb.split(' ').length;
      targets.forEach((b, i) => {
        if (i > 0) emit(i === targets.length - 1 ? ' and ' : ', ');
        mention(b);
      });
      emit(' ');
      filler(4 + Math.floor(rand() * 6));
      emit('.');
      const evidence = { start, end: length };
      for (const b of targets) {
        relations.push({
          id: `r${relations.length + 1}`,
          type: verb.replace(/\s+/g, '-'),
          source: a.entity.id,
          target: b.entity.id,
          evidence: [{ ...evidence, text: '' }],
          certainty: rand() < 0.7 ? 'stated' : rand() < 0.5 ? 'reported' : 'possible',
        });
      }
    } else {
      emit('The ');
      filler(3 + Math.floor(rand() * 5));
      emit(' ');
      mention(actor());
      emit(' ');
      filler(4 + Math.floor(rand() * 6));
      if (nextUnseen < actors.length || rand() < 0.3) {
        emit(' ');
        mention(actor());
      }
      emit('.');
    }
  };

  emit(`${title}\n`);
  let paragraphs = 0;
  while (wordCount < words) {
    if (paragraphs > 0 && paragraphs % 12 === 0) emit(`Section ${paragraphs / 12}\n`);
    const n = 3 + Math.floor(rand() * 4);
    for (let i = 0; i < n && wordCount < words; i++) {
      if (i > 0) emit(' ');
      sentence();
    }
    emit('\n');
    paragraphs++;
  }
  const text = parts.join('');
  for (const r of relations) {
    const q = r.evidence[0]!;
    (r.evidence as { start: number; end: number; text: string }[])[0] = {
      start: q.start,
      end: q.end,
      text: text.slice(q.start, q.end),
    };
  }

  const seen = new Set(mentions.map((m) => m.entityId));
  return {
    format: 'ariadne/1',
    id: `generated-${words}`,
    title,
    text,
    language: 'en',
    source: { origin: 'bench/generate.ts' },
    entityTypes: TYPES,
    relationTypes: RELATION_TYPES,
    entities: actors.map((a) => a.entity).filter((e) => seen.has(e.id)),
    mentions,
    relations,
  };
}
