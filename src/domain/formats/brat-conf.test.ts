import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBratSchema, defaultLabel, parseAnnotationConf, parseVisualConf } from './brat-conf';

const news = resolve(dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/brat/news');
const newsAnnotationConf = readFileSync(resolve(news, 'annotation.conf'), 'utf8');
const newsVisualConf = readFileSync(resolve(news, 'visual.conf'), 'utf8');

describe('parseAnnotationConf', () => {
  it('reads the brat news tutorial configuration', () => {
    const conf = parseAnnotationConf(newsAnnotationConf);
    expect(conf.problems).toEqual([]);
    expect(conf.entities.map((e) => e.key)).toEqual(['Person', 'Organization', 'GPE', 'Money']);
    expect(conf.relations.find((r) => r.key === 'Alias')).toEqual({
      key: 'Alias',
      symmetric: true,
      transitive: true,
    });
    expect(conf.relations.find((r) => r.key === 'Family')?.symmetric).toBe(false);
    // Indented event types hang under their abstract parent.
    const marry = conf.events.find((e) => e.key === 'Marry');
    expect(marry).toMatchObject({ parent: 'Life', abstract: false });
    expect(marry?.roles).toEqual(['Person-Arg', 'Place-Arg']);
    expect(conf.events.find((e) => e.key === 'Life')?.abstract).toBe(true);
    expect(conf.events.find((e) => e.key === 'Merge-org')?.roles).toEqual(['Org-Arg']);
    // Report sits at top level again after the indented block.
    expect(conf.events.find((e) => e.key === 'Report')?.parent).toBeUndefined();
    expect(conf.attributes).toEqual([
      { name: 'Individual', targets: ['<ENTITY>'] },
      { name: 'Mention', targets: ['<ENTITY>'], values: ['Name', 'Nominal', 'Other'] },
      { name: 'Negation', targets: ['<EVENT>'] },
      { name: 'Confidence', targets: ['<EVENT>'], values: ['High', 'Neutral', 'Low'] },
    ]);
  });

  it('understands [spans], tab or space separators, macros, separators and <OVERLAP>', () => {
    const conf = parseAnnotationConf(
      [
        '[spans]',
        'Protein',
        'AWARD\t<NORM>:Wikidata',
        '[relations]',
        '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
        'Equiv\tArg1:Protein, Arg2:Protein, <REL-TYPE>:symmetric-transitive',
        'Equiv\tArg1:AWARD, Arg2:AWARD, <REL-TYPE>:symmetric-transitive',
        'Near Arg1:Protein, Arg2:Protein, <REL-TYPE>:symmetric',
        '[events]',
        '<CORE>=Protein|AWARD',
        'Binding\tTheme+:<CORE>, Site*:Entity',
        '----------------------------------------',
        'Phosphorylation\tTheme:Protein, Site?:Entity, Person-Arg{2}:Protein',
        '[attributes]',
        'Negation\tArg:<EVENT>',
      ].join('\n'),
    );
    expect(conf.problems).toEqual([]);
    expect(conf.entities.map((e) => e.key)).toEqual(['Protein', 'AWARD']);
    expect(conf.relations).toEqual([
      { key: 'Equiv', symmetric: true, transitive: true },
      { key: 'Near', symmetric: true, transitive: false },
    ]);
    expect(conf.events.map((e) => [e.key, e.roles])).toEqual([
      ['Binding', ['Theme', 'Site']],
      ['Phosphorylation', ['Theme', 'Site', 'Person-Arg']],
    ]);
  });

  it('skips what it does not understand with located warnings', () => {
    const conf = parseAnnotationConf(
      [
        'Stray',
        '[entities]',
        'Person',
        'Bad|Name',
        '[colours]',
        'Red',
        '[relations]',
        'Knows Arg1:Person',
      ].join('\n'),
    );
    expect(conf.entities.map((e) => e.key)).toEqual(['Person']);
    expect(conf.relations.map((r) => r.key)).toEqual(['Knows']);
    expect(conf.problems).toEqual([
      {
        file: 'annotation.conf',
        line: 1,
        message: 'line 1: "Stray" comes before any [section]; ignored',
        severity: 'warning',
      },
      {
        file: 'annotation.conf',
        line: 4,
        message: 'line 4: "Bad|Name" is not a type definition; ignored',
        severity: 'warning',
      },
      {
        file: 'annotation.conf',
        line: 5,
        message: 'line 5: unknown section [colours]; its lines are ignored',
        severity: 'warning',
      },
    ]);
  });
});

describe('parseVisualConf', () => {
  it('reads labels and drawing settings of the news tutorial', () => {
    const vis = parseVisualConf(newsVisualConf);
    expect(vis.problems).toEqual([]);
    expect(vis.labels.get('GPE')).toBe('Geo-political entity');
    expect(vis.labels.get('Agent-Arg')).toBe('Agent');
    expect(vis.drawing.get('Person')).toEqual({ bgColor: '#FF821C' });
    expect(vis.drawing.get('Money')).toEqual({ bgColor: '#007000', fgColor: 'white' });
    expect(vis.drawing.get('Alias')).toMatchObject({ dashArray: '3-3' });
  });

  it('ignores [options], warns about other unknown sections and odd lines', () => {
    const vis = parseVisualConf(
      ['[options]', 'Arcs bundle:all', '[labels]', 'auxpass', '| nothing', '[fonts]', 'x'].join(
        '\n',
      ),
    );
    expect(vis.labels.size).toBe(0);
    expect(vis.problems.map((p) => p.message)).toEqual([
      'line 5: "| nothing" is not a label line (Type | Label | Short); ignored',
      'line 6: unknown section [fonts]; its lines are ignored',
    ]);
  });
});

describe('buildBratSchema', () => {
  it('turns both files into TypeDefs with labels and colours', () => {
    const schema = buildBratSchema({
      annotationConf: newsAnnotationConf,
      visualConf: newsVisualConf,
    });
    expect(schema.problems).toEqual([]);
    const keys = schema.entityTypes.map((t) => t.key);
    // Entities, then concrete event types; abstract !Life etc. are left out.
    expect(keys.slice(0, 4)).toEqual(['Person', 'Organization', 'GPE', 'Money']);
    expect(keys).toContain('Transfer-money');
    expect(keys).not.toContain('Life');
    expect(schema.entityTypes.find((t) => t.key === 'GPE')).toEqual({
      key: 'GPE',
      label: 'Geo-political entity',
      color: '#FFD412',
    });
    expect(schema.entityTypes.find((t) => t.key === 'Start-org')?.label).toBe('Start org');
    // Alias is an equivalence (written as * lines), so it is not a relation type.
    expect(schema.equivalenceTypes.has('Alias')).toBe(true);
    expect(schema.relationTypes.map((t) => t.key)).not.toContain('Alias');
    expect(schema.relationTypes.find((t) => t.key === 'Geographical_part')?.label).toBe(
      'Geographical part',
    );
    // Event roles are relation types too.
    expect(schema.relationTypes.find((t) => t.key === 'Giver-Arg')?.label).toBe('Giver');
    expect(schema.eventTypes.has('Report')).toBe(true);
    expect(schema.attributes.get('Confidence')?.values).toEqual(['High', 'Neutral', 'Low']);
  });

  it('works without any configuration', () => {
    const schema = buildBratSchema({});
    expect(schema.entityTypes).toEqual([]);
    expect(schema.relationTypes).toEqual([]);
    expect(schema.problems).toEqual([]);
  });

  it('uses the arc colour for relation types and marks symmetric ones', () => {
    const schema = buildBratSchema({
      annotationConf: '[relations]\nAllied\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric\n',
      visualConf: '[drawing]\nAllied\tcolor:#123456, dashArray:3-3\n',
    });
    expect(schema.relationTypes).toEqual([
      { key: 'Allied', label: 'Allied', color: '#123456', symmetric: true },
    ]);
  });
});

describe('defaultLabel', () => {
  it('turns underscores and hyphens into spaces', () => {
    expect(defaultLabel('STATE_OR_PROVINCE')).toBe('STATE OR PROVINCE');
    expect(defaultLabel('Transfer-money')).toBe('Transfer money');
    expect(defaultLabel('_')).toBe('_');
  });
});
