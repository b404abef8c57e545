import { defaultExtractionMode } from './default-extraction-mode';

describe('defaultExtractionMode', () => {
  it('reads the embedded profile strictly and the production profile leniently', () => {
    expect(defaultExtractionMode('embedded')).toBe('strict');
    expect(defaultExtractionMode('production')).toBe('lenient');
  });
});
