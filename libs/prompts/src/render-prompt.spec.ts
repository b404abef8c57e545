import { renderPrompt } from './render-prompt';

describe('renderPrompt', () => {
  it('substitutes every placeholder', () => {
    expect(renderPrompt('Q: {{question}}\nS: {{ candidate }}', { question: '1+2', candidate: 'x' })).toBe('Q: 1+2\nS: x');
  });
  it('inserts values verbatim, even when they look like placeholders', () => {
    expect(renderPrompt('{{a}}', { a: '{{b}}' })).toBe('{{b}}');
  });
  it('names missing variables', () => {
    expect(() => renderPrompt('{{a}} {{b}}', { a: '1' })).toThrow('missing prompt variable(s): b');
  });
  it('rejects a malformed placeholder', () => {
    expect(() => renderPrompt('{{a}} {{ bad-name }}', { a: '1' })).toThrow('malformed placeholder');
  });
});
