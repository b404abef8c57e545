import type { ChartSpec } from './chart-spec';
import { escapeHtml } from './escape-html';
import { seriesStyle } from './series-style';

const WIDTH = 640;
// Below the plot: category labels, the x caption, then up to three legend rows clear of the caption.
const HEIGHT = 314;
const MARGIN = { left: 56, right: 16, top: 34, bottom: 78 };
const MAX_X_LABELS = 12;

/** Where things go inside the plot area. */
export interface ChartScales {
  /** Centre of category i. */
  x(i: number): number;
  /** Width of one category band. */
  band: number;
  /** Vertical position of value v. */
  y(v: number): number;
  yMax: number;
}

/**
 * An SVG chart: title, y grid with ticks, category labels, legend, and the plot drawn by `plot`.
 * Every chart of the report shares this frame, so they look alike and read the same way. Values
 * start at 0 unless `dataMin` is negative (KTO rewards).
 */
export function chartFrame(spec: ChartSpec, dataMax: number, plot: (scales: ChartScales) => string, dataMin = 0): string {
  const [yMin, yMax] = spec.zoom && spec.percent ? zoomedRange(spec) : spec.percent ? [0, 1] : valueRange(dataMin, dataMax);
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const n = Math.max(1, spec.categories.length);
  const band = innerW / n;
  const scales: ChartScales = {
    x: (i) => MARGIN.left + band * (i + 0.5),
    band,
    y: (v) => MARGIN.top + innerH - ((Math.max(yMin, v) - yMin) / (yMax - yMin)) * innerH,
    yMax,
  };
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => yMin + f * (yMax - yMin));
  const grid = ticks
    .map((t) => {
      const y = scales.y(t).toFixed(1);
      return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" class="grid"/><text x="${MARGIN.left - 6}" y="${y}" class="tick" text-anchor="end" dominant-baseline="middle">${formatTick(t, spec.percent)}</text>`;
    })
    .join('');
  const every = Math.ceil(spec.categories.length / MAX_X_LABELS);
  const labels = spec.categories
    .map((c, i) =>
      i % every === 0
        ? `<text x="${scales.x(i).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" class="tick" text-anchor="middle">${escapeHtml(c)}</text>`
        : '',
    )
    .join('');
  const legend = spec.series
    .map((s, i) => {
      const x = MARGIN.left + (i % 4) * 150;
      const y = HEIGHT - 22 + Math.floor(i / 4) * 14 - (spec.series.length > 4 ? 10 : 0);
      const { colour, dash } = seriesStyle(i);
      // A dashed series shows its dash in the legend: its colour alone may be close to another's.
      const key = dash
        ? `<line x1="${x - 2}" x2="${x + 11}" y1="${y - 3}" y2="${y - 3}" stroke="${colour}" stroke-width="3" stroke-dasharray="${dash}"/>`
        : `<rect x="${x}" y="${y - 8}" width="10" height="10" fill="${colour}"/>`;
      return `${key}<text x="${x + 14}" y="${y}" class="legend">${escapeHtml(s.name)}</text>`;
    })
    .join('');
  const xLabel = spec.xLabel
    ? `<text x="${WIDTH - MARGIN.right}" y="${HEIGHT - MARGIN.bottom + 32}" class="tick" text-anchor="end">${escapeHtml(spec.xLabel)}</text>`
    : '';
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(spec.title)}">`,
    `<text x="${WIDTH / 2}" y="18" class="title" text-anchor="middle">${escapeHtml(spec.title)}</text>`,
    grid,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" class="axis"/>`,
    yMin < 0 ? `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${scales.y(0).toFixed(1)}" y2="${scales.y(0).toFixed(1)}" class="axis"/>` : '',
    plot(scales),
    labels,
    xLabel,
    legend,
    '</svg>',
  ].join('');
}

/**
 * Four round steps of at least a point around the values, within 0..100%, so that ticks read as
 * whole percents; the whole axis when the values spread over most of it.
 */
function zoomedRange(spec: ChartSpec): [number, number] {
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
  if (values.length === 0) return [0, 1];
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  let step = niceCeiling(Math.max(hi - lo, 0.04) / 4);
  // Centred on the values, so that equal values draw across the middle, not along an edge.
  const bottom = () => Math.max(0, Math.min(Math.floor((lo + hi) / 2 / step - 2 + 1e-9) * step, 1 - 4 * step));
  while (step < 0.2 && bottom() + 4 * step < hi - 1e-9) step = niceCeiling(step * 1.01);
  return step < 0.2 ? [bottom(), bottom() + 4 * step] : [0, 1];
}

/**
 * Four equal steps of a round size: ticks read 0, 50, 100, 150, 200 rather than 0, 37.5, 75, ...;
 * below 0 the axis starts at a multiple of the step.
 */
function valueRange(dataMin: number, dataMax: number): [number, number] {
  if (!(dataMin < 0)) return [0, 4 * niceCeiling(dataMax / 4)];
  const top = Math.max(0, dataMax);
  for (let step = niceCeiling((top - dataMin) / 4); ; step = niceCeiling(step * 1.01)) {
    const bottom = Math.floor(dataMin / step) * step;
    if (bottom + 4 * step >= top - 1e-12) return [bottom, bottom + 4 * step];
  }
}

/** The smallest 1, 2 or 5 times a power of ten at or above v (0.25 when there is nothing to show). */
function niceCeiling(v: number): number {
  if (!(v > 0)) return 0.25;
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * power).find((c) => c >= v - 1e-12) ?? 10 * power;
}

function formatTick(v: number, percent?: boolean): string {
  if (percent) return `${Math.round(v * 100)}%`;
  // Learning rates are ~1e-5: three decimals would print them all as 0.
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : String(Number(v.toFixed(3)));
}
