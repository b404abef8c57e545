import { parseRunRound } from './parse-run-round';

describe('parseRunRound', () => {
  it('reads RUN:ROUND, and RUN alone where the round may be left out', () => {
    expect(parseRunRound('base-1:2', '--from', true)).toEqual({ run_id: 'base-1', round: 2 });
    expect(parseRunRound('base:0', '--from', true)).toEqual({ run_id: 'base', round: 0 });
    expect(parseRunRound('base', 'chat', false)).toEqual({ run_id: 'base' });
    expect(parseRunRound('base:3', 'chat', false)).toEqual({ run_id: 'base', round: 3 });
  });

  it('refuses anything else, naming the option and the form it expects', () => {
    expect(() => parseRunRound('x', '--from', true)).toThrow('--from expects RUN:ROUND (e.g. base:2; round 0 is the run\'s initial model), got "x"');
    for (const text of ['', ':1', 'a:b', 'a:-1', 'a:1:2', '../a:1', 'a:12345', 'a:1.5']) {
      expect(() => parseRunRound(text, 'chat', false)).toThrow(`chat expects RUN or RUN:ROUND (e.g. base or base:2), got ${JSON.stringify(text)}`);
    }
  });
});
