/**
 * Entry point of the report client. In report.html it reads the view-model from the `#vigil-data`
 * JSON block and draws every section into `#app` (see mount.ts, which the dashboard uses too).
 */
import type { ReportViewModel } from '../../src/report/view-model.js';
import { mount } from './mount.js';

export { mount };

function start(): void {
  const raw = document.getElementById('vigil-data')?.textContent;
  const app = document.getElementById('app');
  if (!raw || !app) return;
  const startedAt = performance.now();
  mount(app, JSON.parse(raw) as ReportViewModel, startedAt);
}

start();
