/** One named series of values, one per category; undefined leaves a gap. */
export interface ChartSeries {
  name: string;
  values: (number | undefined)[];
}

/** A chart over categorical x values (rounds, entropy bins, steps). */
export interface ChartSpec {
  title: string;
  categories: string[];
  series: ChartSeries[];
  /** Values are shares 0..1, drawn as percentages on a 0..100% axis. */
  percent?: boolean;
  /** Caption under the x axis. */
  xLabel?: string;
  /**
   * The y axis spans the values (four round steps) instead of starting at 0, so that curves a few
   * points apart, as compared runs are, do not draw as one line. For line charts of shares (percent).
   */
  zoom?: boolean;
}
