import { requestFieldOf } from './request-field-of';

describe('requestFieldOf', () => {
  it.each([
    ['max_tokens', 'max_tokens'],
    ['max_completion_tokens', 'max_tokens'],
    ['prompt', 'prompt'],
    ['messages.0.content', 'messages'],
    ['messages[1]', 'messages'],
    ['stop', 'stop'],
    ['logprobs', '(request)'],
    [null, '(request)'],
    [undefined, '(request)'],
  ])('maps the engine param %p to %p', (param, field) => {
    expect(requestFieldOf(param)).toBe(field);
  });
});
