import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTemplates, PROMPT_PROFILES, PROMPT_ROLES } from './load-templates';
import { renderPrompt } from './render-prompt';

const VARS = { question: 'Q', candidate: 'C', a: 'A', b: 'B' };

describe('loadTemplates', () => {
  it.each(PROMPT_PROFILES)('ships all four %s templates, each renderable with its variables', (profile) => {
    const t = loadTemplates(profile);
    expect(Object.keys(t).sort()).toEqual([...PROMPT_ROLES].sort());
    expect(renderPrompt(t.solver, VARS)).toContain('Q');
    expect(renderPrompt(t.refiner, VARS)).toMatch(/Q[\s\S]*C/);
    expect(renderPrompt(t.judge, VARS)).toMatch(/A[\s\S]*B/);
    expect(renderPrompt(t.generator, VARS).length).toBeGreaterThan(0);
  });
  it('names a missing template file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prompts-'));
    mkdirSync(path.join(dir, 'embedded'));
    writeFileSync(path.join(dir, 'embedded', 'generator.txt'), 'g');
    expect(() => loadTemplates('embedded', dir)).toThrow(/solver\.txt/);
  });
});
