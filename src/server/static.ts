/**
 * The dashboard page and its two assets. A fixed table of exact paths, not a directory on disk: no
 * request path is ever joined onto a file-system path, so `..`, encoded slashes or absolute paths
 * have nothing to escape from — anything not in the table is 404.
 */
import { webAssets } from '../report/html/assets.js';

export interface StaticFile {
  type: string;
  body: string;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vigil dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/report.css">
</head>
<body class="dashboard">
<div id="app"><noscript><p>The dashboard needs JavaScript. Its data is the JSON API under <code>/api/</code> (docs/api.md).</p></noscript></div>
<script src="/assets/dashboard.js"></script>
</body>
</html>
`;

/** The page for every client-side route (`/`, `/project/…`, `/component/…`). */
export const dashboardPage = (): StaticFile => ({ type: 'text/html; charset=utf-8', body: PAGE });

export function staticFile(path: string): StaticFile | undefined {
  switch (path) {
    case '/':
      return dashboardPage();
    case '/assets/dashboard.js':
      return { type: 'text/javascript; charset=utf-8', body: webAssets('dashboard').js };
    case '/assets/report.css':
      return { type: 'text/css; charset=utf-8', body: webAssets('dashboard').css };
    default:
      return undefined;
  }
}
