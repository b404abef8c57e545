import { intOption, parseArgs } from './parse-args';

describe('parseArgs', () => {
  it('separates positionals, valued options and flags', () => {
    const a = parseArgs(['dir', '--port', '0', '--seed=3', '--overwrite'], ['port', 'seed'], ['overwrite']);
    expect(a.positional).toEqual(['dir']);
    expect(intOption(a, 'port', 1)).toBe(0);
    expect(intOption(a, 'seed', 1)).toBe(3);
    expect(a.options.get('overwrite')).toBe('true');
  });
  it('names unknown options and missing values', () => {
    expect(() => parseArgs(['--bogus', '1'], ['port'])).toThrow('unknown option --bogus');
    expect(() => parseArgs(['--port'], ['port'])).toThrow('--port needs a value');
    expect(() => intOption(parseArgs(['--port', 'x'], ['port']), 'port', 1)).toThrow('--port must be an integer');
  });
});
