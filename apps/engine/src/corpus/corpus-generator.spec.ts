import { embeddedTemplates } from './embedded-templates';
import { CorpusGenerator } from './corpus-generator';

describe('CorpusGenerator', () => {
  const templates = embeddedTemplates();

  it('follows the level weights of its curriculum', () => {
    const corpus = new CorpusGenerator(3, templates, new Set(), [1, 0, 0, 0, 0]);
    for (let i = 0; i < 200; i++) {
      const ex = corpus.next();
      // Level 1 has exactly one operation, so every solution has one step line before the box.
      if (ex.role === 'solver') expect(ex.completion.split('\n')).toHaveLength(2);
    }
  });

  it('rejects level weights that cannot be a distribution', () => {
    expect(() => new CorpusGenerator(1, templates, new Set(), [1, 1])).toThrow('level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), [0, 0, 0, 0, 0])).toThrow('level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), [1, -1, 1, 1, 1])).toThrow('level weights');
  });

  it('is reproducible from its seed', () => {
    const a = new CorpusGenerator(9, templates, new Set());
    const b = new CorpusGenerator(9, templates, new Set());
    for (let i = 0; i < 50; i++) expect(a.next()).toEqual(b.next());
  });
});
