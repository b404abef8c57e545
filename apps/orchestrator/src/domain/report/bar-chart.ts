import { chartFrame } from './chart-frame';
import type { ChartSpec } from './chart-spec';
import { escapeHtml } from './escape-html';
import { seriesStyle } from './series-style';

/** Bars per category: side by side (grouped) or on top of each other (stacked). */
export function barChart(spec: ChartSpec & { stacked?: boolean }): string {
  const at = (series: number, i: number) => spec.series[series].values[i] ?? 0;
  const tops = spec.categories.map((_, i) =>
    spec.stacked
      ? spec.series.reduce((sum, _s, si) => sum + at(si, i), 0)
      : Math.max(0, ...spec.series.map((_s, si) => at(si, i))),
  );
  return chartFrame(spec, Math.max(0, ...tops), (scale) => {
    const width = scale.band * 0.7;
    const each = spec.stacked ? width : width / Math.max(1, spec.series.length);
    const bars: string[] = [];
    spec.categories.forEach((category, i) => {
      let base = 0;
      spec.series.forEach((series, si) => {
        const v = at(si, i);
        const left = scale.x(i) - width / 2 + (spec.stacked ? 0 : si * each);
        const top = scale.y(base + v);
        const height = scale.y(base) - top;
        if (spec.stacked) base += v;
        if (height <= 0) return;
        const label = spec.percent ? `${(v * 100).toFixed(1)}%` : String(Number(v.toFixed(4)));
        bars.push(
          `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, each - 1).toFixed(1)}" height="${height.toFixed(1)}" fill="${seriesStyle(si).colour}"><title>${escapeHtml(`${series.name} @ ${category}: ${label}`)}</title></rect>`,
        );
      });
    });
    return bars.join('');
  });
}
