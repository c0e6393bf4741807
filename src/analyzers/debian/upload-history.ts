/**
 * Upload histories for the source packages that matter on a host (those on privileged paths):
 * each source's packaging file is fetched from the pool (SHA256 from the verified Sources index),
 * its debian/changelog parsed and summarized; summaries are memoized by that SHA256.
 */
import { createFactsCache, type Producer } from '../../store/facts-cache.js';
import { toProblem } from '../../core/errors.js';
import type { Problem, Unavailable } from '../../core/types.js';
import type { Store } from '../../store/types.js';
import type { DebArchiveClient } from '../../sources/debian/archive-client.js';
import type { DebArchiveData } from '../../sources/debian/archive-data.js';
import { changelogFromPackaging, parseChangelog } from '../../sources/debian/changelog.js';
import { latestSource } from './host-analysis.js';
import { summarizeUploads, type UploadHistory } from './uploads.js';

/** Upload summaries are cached by the packaging file's digest and the code that summarises it. */
const UPLOADS_PRODUCER: Producer = {
  id: 'debian-uploads',
  version: '1',
  code: ['analyzers/debian/upload-history.ts', 'analyzers/debian/uploads.ts', 'sources/debian/changelog.ts'],
};

export async function loadUploadHistories(
  client: DebArchiveClient,
  store: Store,
  archive: DebArchiveData,
  sources: string[],
  concurrency = 4,
): Promise<{ uploads: Record<string, UploadHistory>; problems: Problem[]; unavailable: Unavailable[] }> {
  const uploads: Record<string, UploadHistory> = {};
  const problems: Problem[] = [];
  const unavailable: Unavailable[] = [];
  const queue = [...sources];
  const facts = createFactsCache(store);
  const one = async (src: string): Promise<void> => {
    const e = latestSource(archive, src);
    if (!e?.debianFile || !e.directory) {
      unavailable.push({
        subject: src,
        field: 'upload-history',
        reason: e ? 'native source package or no packaging file listed: changelog not read' : 'not in the loaded Sources indexes',
      });
      return;
    }
    const key = e.debianFile.sha256;
    const hit = facts.get(UPLOADS_PRODUCER, key) as UploadHistory | undefined;
    if (hit) {
      uploads[src] = hit;
      return;
    }
    // A file the mirror answered 404 for is not asked again for a day (warm scans stay quiet and fast).
    const missKey = `deb-uploads-missing:v1:${e.debianFile.sha256}`;
    const miss = store.getAnalysis(missKey) as { at: string } | undefined;
    if (miss && Date.now() - Date.parse(miss.at) < 86400e3) {
      unavailable.push({
        subject: src,
        field: 'upload-history',
        reason: `the mirror did not serve ${e.debianFile.name} (HTTP 404 at ${miss.at}; retried after a day)`,
      });
      return;
    }
    const before = client.problems.length;
    const body = await client.poolFile(e.uri, `${e.directory}/${e.debianFile.name}`, e.debianFile);
    if (!body) {
      if (client.problems.slice(before).some((p) => /HTTP 404$/.test(p.message)))
        store.putAnalysis(missKey, { at: new Date().toISOString() });
      return;
    }
    try {
      const summary = summarizeUploads(parseChangelog(await changelogFromPackaging(e.debianFile.name, body)));
      facts.put(UPLOADS_PRODUCER, key, summary);
      uploads[src] = summary;
    } catch (err) {
      problems.push(toProblem(err, `${e.directory}/${e.debianFile.name}`));
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) await one(s);
  });
  await Promise.all(workers);
  return { uploads, problems, unavailable };
}
