import { configSchema, CHAT_MARKUP_TOKENS } from '@aero/config';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { budgetReport } from './budget-report';

const prompts = rolePrompts(loadTemplates('production'));
const refinerTemplate = Buffer.byteLength(prompts.refiner('', ''));
const config = (engine: Record<string, unknown>, cutoff_len: number) =>
  configSchema.parse({
    aero: { max_tokens: { generator: 1024, solver: 4096, refiner: 4096, judge: 64 } },
    engine: { backend: 'vllm', chat_template: { name: 'qwen3' }, ...engine },
    training: { kto: { cutoff_len } },
  });

describe('budgetReport', () => {
  it('bounds the longest request and example by the refiner: its template, a question, a candidate and its answer', () => {
    const report = budgetReport(config({ max_model_len: 10240 }, 10240), prompts);
    const longest = CHAT_MARKUP_TOKENS + refinerTemplate + 1024 + 4096 + 4096;
    expect(report).toEqual({ served: { role: 'refiner', tokens: longest }, trained: { role: 'refiner', tokens: longest }, violations: [] });
    expect(longest).toBeLessThanOrEqual(10240);
  });

  it('names the context and the cutoff that are too small', () => {
    const report = budgetReport(config({ max_model_len: 8192 }, 4096), prompts);
    expect(report.violations.map((v) => v.field)).toEqual(['engine.max_model_len', 'training.kto.cutoff_len']);
    expect(report.violations[0].description).toMatch(/a refiner request needs up to \d+ tokens .*more than 8192/);
    expect(report.violations[1].description).toContain('\\boxed{}');
  });

  it('leaves the embedded miniature alone: it records questions that do not fit as refused', () => {
    const embedded = configSchema.parse({ engine: { max_model_len: 256 }, training: { kto: { cutoff_len: 16 } } });
    expect(budgetReport(embedded, rolePrompts(loadTemplates('embedded'))).violations).toEqual([]);
  });
});
