import { describe, expect, it } from 'vitest';
import { discover } from './discover';
import { suggestMentions } from './mentions';
import { BRAT_NEWS_TYPES, annotate, byText, plain, where } from './test-helpers';

const find = (text: string) => suggestMentions(plain(text));

describe('discover: titles and people', () => {
  it('splits a body and a person at a title, and types both', () => {
    const text =
      'The statement came as Chilean Foreign Ministry Spokesman Pablo Rojas spoke on Monday.';
    const s = find(text);
    expect(where(s)).toEqual([
      `Chilean Foreign Ministry@${text.indexOf('Chilean')}`,
      `Pablo Rojas@${text.indexOf('Pablo')}`,
    ]);
    expect(byText(s, 'Chilean Foreign Ministry')).toMatchObject({
      kind: 'entity',
      origin: 'discovery',
      type: 'government',
      guess: 'government',
      reason: "'Ministry' in the name (government body)",
    });
    expect(byText(s, 'Pablo Rojas')).toMatchObject({
      type: 'person',
      reason: "title 'Spokesman' before a name",
    });
  });

  it('knows titles written in lower case before a name, and the title is not part of it', () => {
    const s = find('Talks stalled, said spokeswoman Ines Varga. President Omar Haddad agreed.');
    expect(byText(s, 'Ines Varga')?.reason).toBe("title 'spokeswoman' before a name");
    expect(byText(s, 'Omar Haddad')?.reason).toBe("title 'President' before a name");
    expect(s.some((x) => x.text.includes('President'))).toBe(false);
  });

  it('links a lone surname to the full name found elsewhere', () => {
    const text = 'Interior Minister Tomas Brandt resigned. Brandt denied wrongdoing.';
    const s = find(text);
    expect(byText(s, 'Brandt')).toMatchObject({
      name: 'Tomas Brandt',
      type: 'person',
    });
  });

  it('reads a byline', () => {
    const text = 'Floods Hit the Coast\nBy Lena Korhonen\nHeavy rain fell on Tuesday.';
    expect(byText(find(text), 'Lena Korhonen')).toMatchObject({
      type: 'person',
      reason: 'byline ("By …")',
    });
  });

  it('keeps initials and name particles in a name', () => {
    const s = find('The report was written by J. R. Okafor and Luis de la Fuente last year.');
    expect(where(s).map((w) => w.split('@')[0])).toEqual(['J. R. Okafor', 'Luis de la Fuente']);
  });
});

describe('discover: organisations and acronyms', () => {
  it('types bodies by the cue words in their names', () => {
    const text =
      'Officials of the Ministry of Water said the Coastal Liberation Front and the Pacific News Agency agreed, as did the National Council.';
    const s = find(text);
    expect(byText(s, 'Ministry of Water')?.type).toBe('government');
    expect(byText(s, 'Coastal Liberation Front')?.type).toBe('armed-group');
    expect(byText(s, 'Pacific News Agency')?.type).toBe('media');
    expect(byText(s, 'National Council')?.type).toBe('government');
  });

  it('links an acronym in brackets to its long form', () => {
    const text = 'The Harakat Nour al-Din (HND) attacked. HND later withdrew.';
    const s = find(text);
    const acr = s.filter((x) => x.text === 'HND');
    expect(acr).toHaveLength(2);
    for (const a of acr) expect(a.name).toBe('Harakat Nour al-Din');
    expect(byText(s, 'Harakat Nour al-Din')).toBeDefined();
  });

  it('guesses an acronym from its context: armed group near "militants", outlet when spoken to', () => {
    const text =
      'Militants of the KDF attacked a checkpoint. A senior official confirmed to ZNA that talks continue.';
    const s = find(text);
    expect(byText(s, 'KDF')?.type).toBe('armed-group');
    expect(byText(s, 'ZNA')?.type).toBe('media');
  });

  it('ignores keys, emphasis in capitals and ordinary words in capitals', () => {
    const text =
      'Press CTRL and then ESC to close the NEW DOCUMENT dialog. The document opens. Click OK.';
    expect(find(text)).toEqual([]);
  });

  it('ignores ordinary words at the start of sentences and headings, and words in quotes', () => {
    const text =
      'Regional Uncertainty\nHowever, the talks continue. Yesterday the army left. Click "Reselect" to go on.';
    expect(find(text)).toEqual([]);
  });
});

describe('discover: places', () => {
  it('finds countries from the gazetteer and a capital, also in a dateline', () => {
    const text = 'LIMA, Peru – Peru and Bolivia met in Lima on Friday. Bolivia’s envoy left.';
    const s = find(text);
    expect(where(s)).toEqual([
      'LIMA@0',
      `Peru@6`,
      `Peru@${text.indexOf('Peru and')}`,
      `Bolivia@${text.indexOf('Bolivia')}`,
      `Lima@${text.indexOf('Lima on')}`,
      `Bolivia@${text.lastIndexOf('Bolivia')}`,
    ]);
    expect(byText(s, 'LIMA')).toMatchObject({
      name: 'Lima',
      type: 'location',
      reason: 'capital city',
    });
    expect(byText(s, 'Peru')).toMatchObject({ type: 'state', reason: 'country name' });
  });

  it('finds a place at the head of a hyphenated word and names a place written in capitals', () => {
    const text = 'Peru-backed militias crossed. WELLINGTON, NEW ZEALAND – Officials met.';
    const s = find(text);
    expect(byText(s, 'Peru')).toMatchObject({ type: 'state' });
    expect(byText(s, 'NEW ZEALAND')).toMatchObject({ name: 'New Zealand', type: 'state' });
    expect(byText(s, 'WELLINGTON')).toMatchObject({ name: 'Wellington', type: 'location' });
  });

  it('does not take a name that merely contains a place for the place', () => {
    const s = find('Staff of the Bank of Portugal and Peruvian officials met.');
    expect(where(s).map((w) => w.split('@')[0])).toEqual(['Bank of Portugal']);
  });

  it('finds an unnamed armed group written in lower case', () => {
    const text = 'Rebels and allied factions took the town, forcing Andean government troops out.';
    const s = find(text);
    expect(byText(s, 'allied factions')?.type).toBe('armed-group');
    expect(byText(s, 'Andean government troops')).toBeUndefined(); // "Andean" is not a demonym
    expect(byText(s, 'government troops')?.type).toBe('armed-group');
  });
});

describe('discover: types mapped onto a brat document', () => {
  it('maps guesses onto Person / Organization / GPE and offers money', () => {
    const text =
      'The Ministry of Finance paid $40 million to Acme Holdings, said Finance Minister Sara Lund in Oslo, Norway.';
    const s = suggestMentions(plain(text, BRAT_NEWS_TYPES));
    expect(byText(s, 'Ministry of Finance')?.type).toBe('Organization');
    expect(byText(s, '$40 million')).toMatchObject({ type: 'Money', guess: 'money' });
    expect(byText(s, 'Acme Holdings')?.type).toBe('Organization');
    expect(byText(s, 'Sara Lund')?.type).toBe('Person');
    expect(byText(s, 'Oslo')).toMatchObject({ type: 'GPE', guess: 'location' });
    expect(byText(s, 'Norway')).toMatchObject({ type: 'GPE', guess: 'state' });
  });

  it('offers no money where the document has no money type', () => {
    expect(byText(find('They paid $40 million.'), '$40 million')).toBeUndefined();
  });

  it('marks a discovered name of an existing actor as a mention of it', () => {
    const text = 'Acme Holdings grew. Analysts said Acme Holdings would expand.';
    const doc = annotate(plain(text), [
      { entity: 'e-acme', type: 'media', name: 'Acme Holdings', text: 'Acme Holdings' },
    ]);
    const d = discover({ ...doc, mentions: [] });
    expect(d[0]).toMatchObject({ kind: 'mention', entityId: 'e-acme', type: 'media' });
  });
});
