import { statusShares } from './status-shares';

describe('statusShares', () => {
  it('divides by the questions that have a status', () => {
    expect(statusShares({ mastery: 1, zpd: 2, chaos: 1 })).toEqual({ mastery: 0.25, zpd: 0.5, chaos: 0.25 });
  });

  it('is all 0 before any question', () => {
    expect(statusShares({ mastery: 0, zpd: 0, chaos: 0 })).toEqual({ mastery: 0, zpd: 0, chaos: 0 });
  });
});
