import { GenerateRequest, Role } from '@aero/contracts';
import { generateSchema } from './generate-schema';

const schema = generateSchema(() => 256);
const request = (over: Partial<GenerateRequest>) => GenerateRequest.fromPartial({ prompt: 'Solve 2+3', n: 4, ...over });
const fieldsOf = (over: Partial<GenerateRequest>) => (schema.safeParse(request(over)).error?.issues ?? []).map((i) => i.path.join('.'));

describe('generateSchema', () => {
  it('accepts a prompt request and a chat request', () => {
    expect(schema.safeParse(request({ temperature: 0, top_p: 1, max_tokens: 255, seed: 3, stop: ['\n'] })).success).toBe(true);
    expect(schema.safeParse(request({ stop: Array.from({ length: 8 }, () => 'x'.repeat(256)) })).success).toBe(true);
    expect(schema.safeParse(request({ prompt: '', messages: [{ role: 'user', content: 'hi' }] })).success).toBe(true);
  });

  it.each<[string, Partial<GenerateRequest>, string]>([
    ['n = 0', { n: 0 }, 'n'],
    ['n above 1024', { n: 1025 }, 'n'],
    ['a negative temperature', { temperature: -0.1 }, 'temperature'],
    ['top_p = 0', { top_p: 0 }, 'top_p'],
    ['an empty prompt without messages', { prompt: '' }, 'prompt'],
    ['both prompt and messages', { messages: [{ role: 'user', content: 'x' }] }, 'messages'],
    ['an unknown chat role', { prompt: '', messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role'],
    ['an empty chat turn', { prompt: '', messages: [{ role: 'user', content: '' }] }, 'messages.0.content'],
    ['an unknown request role', { role: 99 as Role }, 'role'],
    ['max_tokens at the context length', { max_tokens: 256 }, 'max_tokens'],
    ['max_tokens = 0', { max_tokens: 0 }, 'max_tokens'],
    ['nine stop sequences', { stop: Array.from({ length: 9 }, (_, i) => String(i)) }, 'stop'],
    ['an empty stop sequence', { stop: [''] }, 'stop.0'],
    ['a stop sequence of 257 characters', { stop: ['\n', 'x'.repeat(257)] }, 'stop.1'],
  ])('rejects %s naming the field', (_, over, field) => {
    expect(fieldsOf(over)).toContain(field);
  });

  it('reads the context length at every call', () => {
    let limit = 100;
    const dynamic = generateSchema(() => limit);
    expect(dynamic.safeParse(request({ max_tokens: 150 })).success).toBe(false);
    limit = 200;
    expect(dynamic.safeParse(request({ max_tokens: 150 })).success).toBe(true);
  });
});
