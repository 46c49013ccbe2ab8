/**
 * An invented article the engine has never seen: every person, group and outlet in it is made up
 * (the countries and cities are real, as the gazetteer is). The engine should find its names with
 * sensible types, and sensible relations.
 */
import { describe, expect, it } from 'vitest';
import { suggestMentions } from './mentions';
import { suggestRelations } from './relations';
import { BRAT_NEWS_TYPES, plain } from './test-helpers';

const ARTICLE = [
  'Ghana and Togo Agree to Joint Patrols as Militia Attacks Rise',
  'By Efua Mensah-Boateng',
  'ACCRA, Ghana (Gulf Coast Wire) – Ghanaian President Kwabena Asante met Togolese Prime Minister Yao Dossou in Lomé on Thursday, a week after the Volta Freedom Brigade (VFB) attacked two border villages.',
  'Speaking to Sahel Radio, Defence Minister Abena Owusu said the Ghana Armed Forces would patrol the frontier. “We will not let the VFB cross again,” Owusu said.',
  'The West African Council welcomed the deal. A spokesman for the Togolese National Assembly said lawmakers would vote on it next month.',
  'Asante later flew to Abuja, where he met officials of the Nigerian Ministry of Foreign Affairs. The VFB has been accused of attacks on civilians since 2021, according to the Accra Daily Chronicle.',
].join('\n');

describe('an article never seen', () => {
  const s = suggestMentions(plain(ARTICLE));
  const typeOf = (text: string) => s.find((x) => x.text === text)?.type;
  const nameOf = (text: string) => s.find((x) => x.text === text)?.name;

  it('finds its people, with titles and a byline as cues, and links surnames', () => {
    expect(typeOf('Efua Mensah-Boateng')).toBe('person');
    expect(typeOf('Kwabena Asante')).toBe('person');
    expect(typeOf('Yao Dossou')).toBe('person');
    expect(typeOf('Abena Owusu')).toBe('person');
    expect(nameOf('Owusu')).toBe('Abena Owusu');
    expect(nameOf('Asante')).toBe('Kwabena Asante');
  });

  it('finds its places from the gazetteer, including the dateline in capitals', () => {
    expect(typeOf('Ghana')).toBe('state');
    expect(typeOf('Togo')).toBe('state');
    expect(typeOf('ACCRA')).toBe('location');
    expect(nameOf('ACCRA')).toBe('Accra');
    expect(typeOf('Lomé')).toBe('location');
    expect(typeOf('Abuja')).toBe('location');
  });

  it('finds its groups, bodies and outlets, by their cue words and context', () => {
    expect(typeOf('Volta Freedom Brigade')).toBe('armed-group');
    expect(nameOf('VFB')).toBe('Volta Freedom Brigade');
    expect(typeOf('VFB')).toBe('armed-group');
    expect(typeOf('Ghana Armed Forces')).toBe('armed-group');
    expect(typeOf('Gulf Coast Wire')).toBe('media');
    expect(typeOf('Sahel Radio')).toBe('media');
    expect(typeOf('Accra Daily Chronicle')).toBe('media');
    expect(typeOf('Togolese National Assembly')).toBe('government');
    expect(typeOf('Nigerian Ministry of Foreign Affairs')).toBe('government');
    expect(typeOf('West African Council')).toBe('government');
  });

  it('does not take headline words, titles, days or demonyms for names', () => {
    const texts = s.map((x) => x.text);
    for (const w of ['Agree', 'Joint', 'Patrols', 'Militia', 'Attacks', 'President', 'Thursday']) {
      expect(texts).not.toContain(w);
    }
    expect(texts).not.toContain('Ghanaian');
    expect(texts).not.toContain('Togolese');
    expect(texts.some((t) => t.includes('Prime Minister'))).toBe(false);
  });

  it('suggests relations labelled by their verbs', () => {
    const rs = suggestRelations(plain(ARTICLE), { mentions: s });
    const labels = rs.map((r) => `${r.source.name} | ${r.label} | ${r.target.name}`);
    expect(labels).toContain('Kwabena Asante | met | Yao Dossou');
    expect(labels).toContain('Kwabena Asante | flew to | Abuja');
  });

  it('types the same names Person / Organization / GPE in a brat document', () => {
    const b = suggestMentions(plain(ARTICLE, BRAT_NEWS_TYPES));
    const t = (text: string) => b.find((x) => x.text === text)?.type;
    expect([t('Kwabena Asante'), t('Ghana'), t('ACCRA'), t('Sahel Radio'), t('VFB')]).toEqual([
      'Person',
      'GPE',
      'GPE',
      'Organization',
      'Organization',
    ]);
  });
});
