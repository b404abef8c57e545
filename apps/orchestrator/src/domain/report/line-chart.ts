import { chartFrame } from './chart-frame';
import type { ChartSpec } from './chart-spec';
import { escapeHtml } from './escape-html';
import { seriesStyle } from './series-style';

/**
 * Lines with a marker per value that shows it on hover; a missing value breaks the line. Beyond 40
 * values (training steps) the markers are invisible, the value still shows.
 */
export function lineChart(spec: ChartSpec): string {
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
  const markers = spec.categories.length <= 40;
  return chartFrame(spec, Math.max(0, ...values), (scale) =>
    spec.series
      .map((series, si) => {
        const { colour: color, dash } = seriesStyle(si);
        const segments: string[][] = [[]];
        const dots: string[] = [];
        series.values.forEach((v, i) => {
          if (v === undefined) {
            segments.push([]);
            return;
          }
          const [x, y] = [scale.x(i).toFixed(1), scale.y(v).toFixed(1)];
          segments[segments.length - 1].push(`${x},${y}`);
          const label = spec.percent ? `${(v * 100).toFixed(1)}%` : String(Number(v.toPrecision(4)));
          const look = markers ? 'r="3.5"' : `r="${Math.max(2, scale.band / 2).toFixed(1)}" fill-opacity="0"`;
          dots.push(`<circle cx="${x}" cy="${y}" ${look} fill="${color}"><title>${escapeHtml(`${series.name} @ ${spec.categories[i]}: ${label}`)}</title></circle>`);
        });
        const lines = segments
          .filter((points) => points.length > 1)
          .map((points) => `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
        return lines.join('') + dots.join('');
      })
      .join(''),
    Math.min(0, ...values),
  );
}
