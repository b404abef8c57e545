import { parse } from 'yaml';
import { toLlamafactoryYaml } from './to-llamafactory-yaml';

/** PyYAML's implicit float resolver (YAML 1.1), the reader LLaMA-Factory uses. */
const PYYAML_FLOAT = /^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$/;

describe('toLlamafactoryYaml', () => {
  it('writes floats that PyYAML reads as floats, never as strings', () => {
    const values = [5e-6, 5e-7, 1e-4, 0.1, 3, 1, 2.5e21];
    for (const learning_rate of values) {
      const text = toLlamafactoryYaml({ learning_rate }, 'test');
      const token = /^learning_rate: (.*)$/m.exec(text)![1];
      expect(token).toMatch(PYYAML_FLOAT);
      expect(parse(text).learning_rate).toBe(learning_rate);
    }
    expect(toLlamafactoryYaml({ learning_rate: 5e-6, num_train_epochs: 3 }, 'h')).toBe('# h\nlearning_rate: 5.0e-06\nnum_train_epochs: 3.0\n');
  });

  it('writes integers, booleans and quoted strings, in key order', () => {
    const text = toLlamafactoryYaml({ stage: 'kto', lora_rank: 8, do_train: true, dataset_dir: '/runs/a b/"x": y\n' }, 'job');
    expect(text).toBe('# job\nstage: "kto"\nlora_rank: 8\ndo_train: true\ndataset_dir: "/runs/a b/\\"x\\": y\\n"\n');
    expect(parse(text)).toEqual({ stage: 'kto', lora_rank: 8, do_train: true, dataset_dir: '/runs/a b/"x": y\n' });
  });

  it('refuses values YAML would not carry faithfully', () => {
    expect(() => toLlamafactoryYaml({ learning_rate: Number.NaN }, 'h')).toThrow('learning_rate');
    expect(() => toLlamafactoryYaml({ lora_rank: 1.5 }, 'h')).toThrow('lora_rank');
  });
});
