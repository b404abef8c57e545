import { classifyStatus } from './classify-status';

const spec = { masteryBelow: 0.3, chaosAbove: 0.7 };

describe('classifyStatus', () => {
  it('is chaos when no sample had an answer', () => {
    expect(classifyStatus(0, 0, spec)).toBe('chaos');
  });
  it('is mastery below the mastery bound', () => {
    expect(classifyStatus(16, 0, spec)).toBe('mastery');
    expect(classifyStatus(16, 0.25, spec)).toBe('mastery');
    expect(classifyStatus(16, 0.2999, spec)).toBe('mastery');
  });
  it('is zpd between the bounds, both inclusive', () => {
    expect(classifyStatus(16, 0.3, spec)).toBe('zpd');
    expect(classifyStatus(16, 0.5, spec)).toBe('zpd');
    expect(classifyStatus(16, 0.7, spec)).toBe('zpd');
  });
  it('is chaos above the chaos bound', () => {
    expect(classifyStatus(16, 0.7001, spec)).toBe('chaos');
    expect(classifyStatus(16, 1, spec)).toBe('chaos');
  });
  it('follows configured thresholds', () => {
    expect(classifyStatus(16, 0.25, { masteryBelow: 0.2, chaosAbove: 0.4 })).toBe('zpd');
    expect(classifyStatus(16, 0.5, { masteryBelow: 0.2, chaosAbove: 0.4 })).toBe('chaos');
    expect(classifyStatus(1, 0, { masteryBelow: 0, chaosAbove: 0 })).toBe('zpd');
  });
});
