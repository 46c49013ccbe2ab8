import { describe, expect, it } from 'vitest';
import { initials, isNameLike, propagate, surnames } from './propagate';
import { suggestMentions } from './mentions';
import { annotate, plain, spanOf, where } from './test-helpers';

describe('propagate', () => {
  it('offers every other whole-word occurrence of a name, never a part of a word', () => {
    const text = 'Peru said no. Peruvian officials and Perugia disagree; Peru will not. PERUSE.';
    const doc = annotate(plain(text), [{ entity: 'e-peru', type: 'state', text: 'Peru' }]);
    const s = propagate(doc);
    expect(where(s)).toEqual([`Peru@${spanOf(text, 'Peru', 3).start}`]);
    expect(s[0]).toMatchObject({
      kind: 'mention',
      origin: 'propagation',
      entityId: 'e-peru',
      name: 'Peru',
      type: 'state',
      reason: 'another mention of Peru',
    });
  });

  it('takes the possessive off, with either apostrophe', () => {
    const text = "Chile acted. Chile's envoy left. Chile’s army stayed. Chiles' farms.";
    const doc = annotate(plain(text), [{ entity: 'e-chile', type: 'state', text: 'Chile' }]);
    const s = propagate(doc);
    expect(s.map((x) => x.text)).toEqual(['Chile', 'Chile']);
    expect(s.map((x) => x.spans[0])).toEqual([
      { start: spanOf(text, 'Chile', 1).start, end: spanOf(text, 'Chile', 1).end },
      { start: spanOf(text, 'Chile', 2).start, end: spanOf(text, 'Chile', 2).end },
    ]);
  });

  it('finds a name whose form has a possessive or another apostrophe', () => {
    const text = "O'Neill’s aide spoke. O’Neill agreed.";
    const doc = annotate(plain(text), [{ entity: 'e-o', text: "O'Neill’s", name: "O'Neill" }]);
    expect(where(propagate(doc))).toEqual([`O’Neill@${text.indexOf('O’Neill agreed')}`]);
  });

  it('matches the exact case, a dateline in capitals, and a lower-case name capitalised', () => {
    const text =
      'LIMA, Peru – Officials in Lima met allied factions. Allied factions left. lima beans. Apple and apple.';
    const doc = annotate(plain(text), [
      { entity: 'e-lima', type: 'location', text: 'Lima' },
      { entity: 'e-af', type: 'armed-group', text: 'allied factions' },
      { entity: 'e-apple', type: 'media', text: 'Apple' },
    ]);
    const s = propagate(doc);
    expect(where(s)).toEqual([`LIMA@0`, `Allied factions@${text.indexOf('Allied factions')}`]);
    expect(s[0]?.reason).toBe('another mention of Lima (in capitals)');
    expect(s[0]?.confidence).toBeLessThan(0.9);
    expect(s[1]?.reason).toBe('another mention of allied factions (capitalised)');
  });

  it('never suggests inside or across an existing mention', () => {
    const text = 'The Bank of England and England. Bank of England staff met England.';
    const doc = annotate(plain(text), [
      { entity: 'e-boe', type: 'government', text: 'Bank of England' },
      { entity: 'e-eng', type: 'state', text: 'England', occurrence: 1 },
      { entity: 'e-eng', type: 'state', text: 'England', occurrence: 3 },
    ]);
    const s = propagate(doc);
    // The second "Bank of England" is suggested; the "England" inside it is not.
    expect(where(s)).toEqual([`Bank of England@${spanOf(text, 'Bank of England', 1).start}`]);
    const all = suggestMentions(doc);
    for (const sug of all) {
      for (const m of doc.mentions) {
        const a = sug.spans[0];
        const b = m.spans[0];
        expect(a && b && a.start < b.end && b.start < a.end).toBeFalsy();
      }
    }
  });

  it('prefers the longer form where two overlap, and offers a person’s surname', () => {
    const text = 'Maria Lopez spoke. Later Maria Lopez and then Lopez left.';
    const doc = annotate(plain(text), [{ entity: 'e-ml', type: 'person', text: 'Maria Lopez' }]);
    const s = propagate(doc);
    expect(where(s)).toEqual([
      `Maria Lopez@${spanOf(text, 'Maria Lopez', 1).start}`,
      `Lopez@${spanOf(text, 'Lopez', 2).start}`,
    ]);
    expect(s[1]?.reason).toBe('surname of Maria Lopez');
    expect(s[1]?.confidence).toBeLessThan(s[0]?.confidence ?? 0);
  });

  it('offers initials of an organisation, in capitals only', () => {
    const text = 'The Free Coastal Army attacked. The FCA retreated; fca is not it.';
    const doc = annotate(plain(text), [
      { entity: 'e-fca', type: 'armed-group', text: 'Free Coastal Army' },
    ]);
    const s = propagate(doc);
    expect(where(s)).toEqual([`FCA@${text.indexOf('FCA')}`]);
    expect(s[0]?.reason).toBe('initials of Free Coastal Army');
  });

  it('uses aliases and name-like mention texts, not pronouns or "the group"', () => {
    const text =
      'The Northern Alliance (NA) met. It said the group would stay. NA agreed. It left.';
    const doc = annotate(plain(text), [
      {
        entity: 'e-na',
        type: 'armed-group',
        text: 'Northern Alliance',
        aliases: ['NA'],
      },
      { entity: 'e-na', text: 'It' },
      { entity: 'e-na', text: 'the group' },
    ]);
    expect(where(propagate(doc))).toEqual([
      `NA@${text.indexOf('NA)')}`,
      `NA@${text.indexOf('NA agreed')}`,
    ]);
  });

  it('does not offer a form two actors share, nor event triggers', () => {
    const text = 'Jordan met Jordan. Talks were held; talks ended.';
    const doc = annotate(plain(text), [
      { entity: 'e-j1', type: 'person', text: 'Jordan' },
      { entity: 'e-j2', type: 'state', text: 'Jordan', occurrence: 1 },
      { entity: 'e-talks', kind: 'event', type: 'person', text: 'Talks' },
    ]);
    const doc2 = { ...doc, text: `${text} Jordan again. Talks again.` };
    expect(propagate(doc2)).toEqual([]);
  });

  it('treats a hyphen as a word boundary: "post-Assad" holds "Assad"', () => {
    const text = 'Karim Assad fled. The post-Assad era began.';
    const doc = annotate(plain(text), [
      { entity: 'e-a', type: 'person', text: 'Karim Assad', aliases: ['Assad'] },
    ]);
    expect(where(propagate(doc))).toEqual([`Assad@${text.indexOf('Assad era')}`]);
  });

  it('has helpers for forms', () => {
    expect(isNameLike('the group')).toBe(false);
    expect(isNameLike('its')).toBe(false);
    expect(isNameLike('banks')).toBe(false);
    expect(isNameLike('allied factions')).toBe(true);
    expect(isNameLike('HTS')).toBe(true);
    expect(surnames('Bashir al-Khatib')).toEqual(['al-Khatib', 'Khatib']);
    expect(surnames('Maria Lopez')).toEqual(['Lopez']);
    expect(surnames('Lopez')).toEqual([]);
    expect(initials('Hayat Ahrar al-Janub')).toBe('HAJ');
    expect(initials('Bank of Spain')).toBe('BS');
    expect(initials('Spain')).toBeUndefined();
  });

  it('propagation alone needs no discovery', () => {
    const text = 'Peru spoke. Chile spoke. Peru agreed.';
    const doc = annotate(plain(text), [{ entity: 'e-peru', type: 'state', text: 'Peru' }]);
    expect(where(suggestMentions(doc, { discovery: false }))).toEqual([
      `Peru@${spanOf(text, 'Peru', 1).start}`,
    ]);
    expect(where(suggestMentions(doc))).toContain(`Chile@${text.indexOf('Chile')}`);
  });
});
