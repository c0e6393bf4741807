/** The one place Chart.js is imported and registered (tree-shaken to what the report uses). */
import { BubbleController, Chart, Legend, LinearScale, LineElement, PointElement, ScatterController, Tooltip } from 'chart.js';

// LineElement and Legend: the dashboard's findings-over-time lines (trend.ts); a chart shows a legend only when it asks.
Chart.register(ScatterController, BubbleController, LinearScale, PointElement, LineElement, Legend, Tooltip);
Chart.defaults.plugins.legend.display = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#1f2328';
Chart.defaults.animation = false;

export { Chart };

/** Blue (low) → amber → red (high) for a 0..1 value; stays distinguishable for common colour-blindness. */
export function heat(t: number): string {
  const stops: [number, number, number][] = [
    [44, 123, 182],
    [230, 159, 0],
    [200, 30, 30],
  ];
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  const [a, b] = [stops[k]!, stops[k + 1]!];
  return `rgb(${a.map((v, j) => Math.round(v + (b[j]! - v) * f)).join(',')})`;
}

/** A round upper bound for a score axis: 1, 10 or 100 when the data fits, else the maximum. */
export function axisMax(values: number[]): number {
  const m = Math.max(0, ...values);
  return m <= 1 ? 1 : m <= 10 ? 10 : m <= 100 ? 100 : m;
}
