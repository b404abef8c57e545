import { additionalModules, loraModules } from './lora-modules';

describe('loraModules', () => {
  it('reads all, or a comma-separated list, as LLaMA-Factory\'s lora_target', () => {
    expect(loraModules('all')).toEqual(['qkv', 'proj', 'fc', 'fcproj']);
    expect(loraModules(' qkv, fc ,qkv')).toEqual(['qkv', 'fc']);
  });

  it('names the key and the unknown module', () => {
    expect(() => loraModules('qkv,c_attn')).toThrow(/key lora_target: unknown module\(s\) "c_attn"; use all or a comma-separated list of qkv, proj, fc, fcproj/);
    expect(() => loraModules(',')).toThrow(/key lora_target/);
  });
});

describe('additionalModules', () => {
  it('reads LLaMA-Factory\'s additional_target, and names the key and an unknown module', () => {
    expect(additionalModules(undefined)).toEqual([]);
    expect(additionalModules('wpe, lnf,wpe')).toEqual(['wpe', 'lnf']);
    expect(() => additionalModules('wpe,ln_f')).toThrow(/key additional_target: unknown module\(s\) "ln_f"; use a comma-separated list of wte, wpe, lnf/);
  });
});
