import { loadTemplates } from './load-templates';
import { rolePrompts } from './role-prompts';

// The embedded engine was pretrained on prompts rendered from these very files (its corpus reads
// libs/prompts/templates/embedded). Pinning the rendered bytes here means an edit to a template
// fails this test instead of silently detaching the prompts from what the checkpoint learnt.
describe('rolePrompts, embedded profile', () => {
  const prompts = rolePrompts(loadTemplates('embedded'));
  const candidate = '12+30=42\n42*2=84\n\\boxed{84}';

  it('renders the compact format the engine was trained on, byte for byte', () => {
    expect(prompts.generator()).toBe('Write a problem as JSON.\n');
    expect(prompts.solver('(12+30)*2')).toBe('Solve (12+30)*2\n');
    expect(prompts.refiner('(12+30)*2', candidate)).toBe(`Solve (12+30)*2\nSuspect:\n${candidate}\nRedo:\n`);
    expect(prompts.judge('84', '85')).toBe('Same? 84 | 85\n');
  });

  it('uses only characters in the engine vocabulary (printable ASCII and newline)', () => {
    const rendered = [prompts.generator(), prompts.solver('1+2'), prompts.refiner('1+2', '\\boxed{3}'), prompts.judge('3', '4')];
    for (const text of rendered) expect(text).toMatch(/^[\n\x20-\x7e]+$/);
  });

  it('keeps the solver prompt a prefix of the refiner prompt, as in the corpus', () => {
    expect(prompts.refiner('7*8', 'x').startsWith(prompts.solver('7*8'))).toBe(true);
  });
});

describe('rolePrompts, production profile', () => {
  const prompts = rolePrompts(loadTemplates('production'));

  it('asks the solver and the refiner for a boxed final answer', () => {
    expect(prompts.solver('Q?')).toMatch(/\\boxed\{\}/);
    expect(prompts.refiner('Q?', 'C.')).toMatch(/\\boxed\{\}/);
  });

  it('gives the refiner the question and the suspect candidate, in that order', () => {
    const text = prompts.refiner('What is 6*7?', 'It is \\boxed{41}.');
    expect(text.indexOf('What is 6*7?')).toBeLessThan(text.indexOf('It is \\boxed{41}.'));
    expect(text).toMatch(/suspect/i);
  });

  it('asks the generator for the JSON shape synth parses', () => {
    expect(prompts.generator()).toContain('"question"');
    expect(prompts.generator()).toContain('"knowledge_points"');
  });

  it('asks the judge for a JSON verdict on both answers', () => {
    const text = prompts.judge('1/2', '0.5');
    expect(text).toContain('1/2');
    expect(text).toContain('0.5');
    expect(text).toContain('"equivalent"');
  });
});
