import { chartFrame } from './chart-frame';
import type { ChartSpec } from './chart-spec';

/** The y tick labels of a chart, bottom to top. */
function ticks(spec: Omit<ChartSpec, 'title' | 'categories'>): string[] {
  const svg = chartFrame({ title: 't', categories: ['a', 'b'], ...spec }, Math.max(0, ...spec.series.flatMap((s) => s.values.map((v) => v ?? 0))), () => '');
  return [...svg.matchAll(/text-anchor="end" dominant-baseline="middle">([^<]*)</g)].map((m) => m[1]);
}
const shares = (...values: number[]) => ({ percent: true, series: [{ name: 's', values }] });

describe('chartFrame', () => {
  it('draws a share on the whole 0..100% axis', () => {
    expect(ticks(shares(0.628, 0.658))).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('zooms onto shares a few points apart, in steps of whole points', () => {
    expect(ticks({ ...shares(0.628, 0.658), zoom: true })).toEqual(['62%', '63%', '64%', '65%', '66%']);
    expect(ticks({ ...shares(0.41, 0.5), zoom: true })).toEqual(['35%', '40%', '45%', '50%', '55%']);
  });

  it('centres equal values and stays within 100%', () => {
    expect(ticks({ ...shares(0.333, 0.333), zoom: true })).toEqual(['31%', '32%', '33%', '34%', '35%']);
    expect(ticks({ ...shares(0.95, 1), zoom: true })).toEqual(['92%', '94%', '96%', '98%', '100%']);
  });

  it('keeps the whole axis for values spread over most of it, or none', () => {
    expect(ticks({ ...shares(0.05, 1), zoom: true })).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(ticks({ percent: true, zoom: true, series: [{ name: 's', values: [undefined] }] })).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('leaves counts starting at 0', () => {
    expect(ticks({ zoom: true, series: [{ name: 's', values: [150, 160] }] })).toEqual(['0', '50', '100', '150', '200']);
  });

  it('goes below 0 for negative values (KTO rewards) in round steps, with a line at 0, and writes learning rates legibly', () => {
    const svg = chartFrame({ title: 't', categories: ['a', 'b'], series: [{ name: 's', values: [-0.31, 0.12] }] }, 0.12, () => '', -0.31);
    expect([...svg.matchAll(/text-anchor="end" dominant-baseline="middle">([^<]*)</g)].map((m) => m[1])).toEqual(['-0.4', '-0.2', '0', '0.2', '0.4']);
    expect(svg.match(/class="axis"/g)).toHaveLength(2);
    expect(ticks({ series: [{ name: 'lr', values: [5e-5] }] })).toEqual(['0', '2.0e-5', '4.0e-5', '6.0e-5', '8.0e-5']);
  });
});
