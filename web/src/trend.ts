/**
 * Findings over time (dashboard): one line per severity, one point per stored scan of the project,
 * drawn with the report's Chart.js (chart.ts). The table under it holds the same numbers for
 * keyboard and screen-reader users.
 */
import type { ScanPoint } from '../../src/app/dashboard/projects.js';
import { Chart } from './chart.js';
import { h, section, shortDate, table } from './dom.js';

/** Severities drawn, worst first, in the badge colours of report.css. */
const LINES: [string, string][] = [
  ['critical', '#7d0a0a'],
  ['high', '#b3261e'],
  ['medium', '#8a4b00'],
  ['low', '#1f5f99'],
];

const count = (s: ScanPoint, severity: string): number => s.summary.findings[severity as keyof ScanPoint['summary']['findings']] ?? 0;

export function trendSection(scans: ScanPoint[], path: string): HTMLElement {
  const last = scans[scans.length - 1];
  const canvas = h('canvas', {
    id: 'trend-canvas',
    role: 'img',
    'aria-label': `Line chart of findings by severity in ${scans.length} scans${
      scans.length ? ` from ${shortDate(scans[0]!.at)} to ${shortDate(last!.at)}` : ''
    }${last ? `; the latest has ${LINES.map(([s]) => `${count(last, s)} ${s}`).join(', ')}` : ''}. The same numbers are in the table below.`,
  });
  queueMicrotask(() => {
    const chart = new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: LINES.map(([severity, colour]) => ({
          label: severity,
          data: scans.map((s, i) => ({ x: i + 1, y: count(s, severity) })),
          showLine: true,
          borderColor: colour,
          backgroundColor: colour,
          pointRadius: scans.length > 50 ? 2 : 4,
        })),
      },
      options: {
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: {
            type: 'linear',
            min: 1,
            max: Math.max(2, scans.length),
            title: { display: true, text: 'scan (oldest → newest)' },
            ticks: { stepSize: 1, callback: (v) => shortDate(scans[Number(v) - 1]?.at).slice(0, 10) },
          },
          y: { type: 'linear', min: 0, title: { display: true, text: 'findings' }, ticks: { precision: 0 } },
        },
        plugins: {
          legend: { display: true, position: 'bottom' },
          tooltip: {
            callbacks: {
              title: (items) => {
                const s = scans[items[0]!.dataIndex];
                return s ? `scan ${s.id}, ${shortDate(s.at)}` : '';
              },
              label: (item) => `${item.dataset.label ?? ''}: ${item.parsed.y}`,
            },
          },
        },
      },
    });
    (window as unknown as { vigilDashboard?: Record<string, unknown> }).vigilDashboard = { trend: chart };
  });
  return section(
    'scans',
    `Findings over time in ${path}`,
    h('div', { class: 'chart-wrap trend' }, canvas),
    table(
      scans.map((s) => ({
        scan: s.id,
        at: shortDate(s.at),
        ...Object.fromEntries(LINES.map(([sev]) => [sev, count(s, sev)])),
        suppressed: s.summary.suppressed,
      })),
      'Findings per scan, oldest first',
    ),
  );
}
