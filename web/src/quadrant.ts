/**
 * Criticality × fragility scatter (suspicion as colour); clicking a dot opens its component.
 * A table lists the same points for keyboard and screen-reader users.
 */
import type { Plugin } from 'chart.js';
import type { ReportViewModel } from '../../src/report/view-model.js';
import { axisMax, Chart, heat } from './chart.js';
import { h, section } from './dom.js';

interface Pt {
  x: number;
  y: number;
  i: number;
}

const BANDS = 8;

export function quadrantSection(vm: ReportViewModel, openComponent: (i: number) => void): HTMLElement | null {
  const pts: Pt[] = [];
  vm.components.forEach((c, i) => {
    if (c.scores) pts.push({ x: c.scores.criticality, y: c.scores.fragility, i });
  });
  if (pts.length === 0) return null;
  // Most suspicious drawn last, so red dots are not buried under blue ones.
  const susp = (p: Pt): number => vm.components[p.i]!.scores?.suspicion ?? 0;
  pts.sort((a, b) => susp(a) - susp(b) || a.i - b.i);
  const xMax = axisMax(pts.map((p) => p.x));
  const yMax = axisMax(pts.map((p) => p.y));
  const sMax = axisMax(vm.components.map((c) => c.scores?.suspicion ?? 0));
  const inCorner = pts.filter((p) => p.x >= xMax / 2 && p.y >= yMax / 2);
  const name = (i: number): string => `${vm.components[i]!.name}@${vm.components[i]!.version}`;

  const canvas = h('canvas', {
    id: 'quadrant-canvas',
    role: 'img',
    'aria-label': `Scatter chart of ${pts.length} components by criticality (x) and fragility (y), coloured by suspicion; ${inCorner.length} are both critical and fragile. The same data is in the table below.`,
  });
  const dividers: Plugin<'scatter'> = {
    id: 'quadrant-dividers',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a, scales } = chart;
      const x = scales['x']!.getPixelForValue(xMax / 2);
      const y = scales['y']!.getPixelForValue(yMax / 2);
      ctx.save();
      ctx.fillStyle = 'rgba(200,30,30,0.06)';
      ctx.fillRect(x, a.top, a.right - x, y - a.top);
      ctx.strokeStyle = '#8c959f';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(x, a.top);
      ctx.lineTo(x, a.bottom);
      ctx.moveTo(a.left, y);
      ctx.lineTo(a.right, y);
      ctx.stroke();
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: a } = chart;
      const label = 'critical and fragile';
      ctx.save();
      ctx.font = '12px system-ui, sans-serif';
      const w = ctx.measureText(label).width;
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(a.right - w - 10, a.top + 2, w + 8, 16);
      ctx.fillStyle = '#57606a';
      ctx.textAlign = 'right';
      ctx.fillText(label, a.right - 6, a.top + 14);
      ctx.restore();
    },
  };
  const wrap = h('div', { class: 'chart-wrap' }, canvas);
  // One dataset per suspicion band: Chart.js then resolves point styles once per dataset instead of
  // once per point, which matters at 3,000 points. Chart.js draws the dataset with the lowest
  // `order` last (on top), so the most suspicious band gets order 0: red is never buried under blue.
  const bands: Pt[][] = Array.from({ length: BANDS }, () => []);
  for (const p of pts) bands[Math.min(BANDS - 1, Math.floor((susp(p) / sMax) * BANDS))]!.push(p);
  queueMicrotask(() => {
    const chart = new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: bands.map((data, b) => ({
          label: `suspicion band ${b + 1} of ${BANDS}`,
          data,
          pointRadius: pts.length > 1000 ? 3 : 5,
          pointHoverRadius: 8,
          pointBackgroundColor: heat((b + 0.5) / BANDS),
          pointBorderColor: 'rgba(0,0,0,0.35)',
          order: BANDS - 1 - b,
        })),
      },
      plugins: [dividers],
      options: {
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        scales: {
          x: { type: 'linear', min: 0, max: xMax, title: { display: true, text: 'criticality →' } },
          y: { type: 'linear', min: 0, max: yMax, title: { display: true, text: 'fragility →' } },
        },
        onHover: (ev, els) => {
          (ev.native?.target as HTMLElement | undefined)?.style.setProperty('cursor', els.length ? 'pointer' : 'default');
        },
        onClick: (_ev, els) => {
          const el = els[0];
          if (el) openComponent(bands[el.datasetIndex]![el.index]!.i);
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => {
                const c = vm.components[bands[item.datasetIndex]![item.dataIndex]!.i]!;
                const s = c.scores!;
                return `${c.name}@${c.version}: criticality ${+s.criticality.toFixed(2)}, fragility ${+s.fragility.toFixed(2)}, suspicion ${+s.suspicion.toFixed(2)}`;
              },
            },
          },
        },
      },
    });
    /** Test hook: where component `i` is drawn, in canvas pixels. */
    const locate = (i: number): { x: number; y: number } | undefined => {
      for (let b = 0; b < BANDS; b++) {
        const k = bands[b]!.findIndex((p) => p.i === i);
        if (k >= 0) {
          const el = chart.getDatasetMeta(b).data[k]!;
          return { x: el.x, y: el.y };
        }
      }
      return undefined;
    };
    const drawn = (): number => bands.reduce((n, _b, k) => n + chart.getDatasetMeta(k).data.length, 0);
    (window as unknown as { vigilReport: Record<string, unknown> }).vigilReport.quadrant = { chart, points: pts, locate, drawn };
  });

  const rows = [...pts].sort((a, b) => b.x * b.y - a.x * a.y || a.i - b.i).slice(0, 200);
  const tableBody = h('tbody');
  const fillTable = (): void => {
    if (tableBody.firstChild) return;
    for (const p of rows)
      tableBody.appendChild(
        h(
          'tr',
          null,
          h(
            'td',
            null,
            h('button', { type: 'button', class: 'link', 'data-component': p.i, onclick: () => openComponent(p.i) }, name(p.i)),
          ),
          h('td', { class: 'num' }, String(+p.x.toFixed(3))),
          h('td', { class: 'num' }, String(+p.y.toFixed(3))),
          h('td', { class: 'num' }, String(+susp(p).toFixed(3))),
        ),
      );
  };
  return section(
    'quadrant',
    'Risk quadrant',
    h(
      'p',
      null,
      'Each dot is a component: further right is more critical to you, higher is more fragile upkeep; colour is suspicion (',
      h('span', { class: 'swatch', style: `background:${heat(0)}` }),
      ' low, ',
      h('span', { class: 'swatch', style: `background:${heat(0.5)}` }),
      ' medium, ',
      h('span', { class: 'swatch', style: `background:${heat(1)}` }),
      ' high). Click a dot to open it.',
    ),
    unknownNote(vm),
    wrap,
    h(
      'details',
      { class: 'chart-table', ontoggle: fillTable },
      h(
        'summary',
        null,
        `The quadrant as a table (${rows.length < pts.length ? `top ${rows.length} of ` : ''}${pts.length} components, by criticality × fragility)`,
      ),
      h(
        'table',
        null,
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Component', 'Criticality', 'Fragility', 'Suspicion'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        tableBody,
      ),
    ),
  );
}

/**
 * Fragility signals no source provided for any component (the registry stripped maintainers or
 * publish times, no history was read): said on the chart, so low dots are not read as healthy upkeep.
 */
function unknownNote(vm: ReportViewModel): HTMLElement | null {
  const missing = vm.unavailable.filter((u) => u.subject === 'scoring' && u.field.startsWith('fragility.'));
  if (missing.length === 0) return null;
  return h(
    'p',
    { class: 'chart-note', id: 'quadrant-unknown' },
    h('strong', null, 'Fragility unknown in part: '),
    `no source gave ${missing.map((u) => `${u.field.slice('fragility.'.length)} (${u.reason.replace(/^unknown: /, '')})`).join('; ')}. `,
    'Fragility here rests on what is known, so a low dot can mean missing data rather than healthy upkeep.',
  );
}
