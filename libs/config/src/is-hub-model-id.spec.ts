import { isHubModelId } from './is-hub-model-id';

describe('isHubModelId', () => {
  it.each(['Qwen/Qwen3-4B', 'meta-llama/Llama-3.1-8B-Instruct', 'org_1/model.v2'])('accepts %p', (id) => {
    expect(isHubModelId(id)).toBe(true);
  });

  it.each(['', 'Qwen3-4B', '/abs/path', 'a/b/c', '../x', 'a/..', 'a/b c', '-a/b'])('rejects %p', (id) => {
    expect(isHubModelId(id)).toBe(false);
  });
});
