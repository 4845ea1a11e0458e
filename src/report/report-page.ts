import { basename } from 'node:path';
import { cardLikeIdsNote } from '../run/card-like-ids.js';
import { calibrationNote } from './calibration-note.js';
import { clusterPictureSpec, pictureGraph } from './cluster-picture.js';
import { clusterScoreChart, clusterSizeChart, stageTimeChart, trendChart } from './charts.js';
import { html, raw, type Html } from './html.js';
import type { ReportCluster, RunFiles } from './run-files.js';
import { valueTables } from './value-tables.js';
import { vegaLiteSvg, vegaSvg } from './vega-svg.js';

/** How much the page shows, so it opens at once whatever the night found. */
export const PAGE_LIMITS = { pictures: 10, clusterRows: 50, lineageRows: 50, rejectReasons: 25, trendRows: 30 } as const;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) about one
 * run: the run, the night's shape, the top clusters with a picture each, lineage and the trend.
 */
export async function reportPage(files: RunFiles): Promise<string> {
  const { manifest: m, clusters } = files;
  const [sizeSvg, scoreSvg, stageSvg, trendSvg, pictures] = await Promise.all([
    clusters.length > 0 ? vegaLiteSvg(clusterSizeChart(clusters)) : null,
    clusters.length > 0 ? vegaLiteSvg(clusterScoreChart(clusters)) : null,
    m.stages.length > 0 ? vegaLiteSvg(stageTimeChart(m)) : null,
    files.history.some((h) => h.status === 'succeeded') ? vegaLiteSvg(trendChart(files.history)) : null,
    Promise.all(clusters.slice(0, PAGE_LIMITS.pictures).map((c) => vegaSvg(clusterPictureSpec(pictureGraph(c, files.members.get(c.cluster_id) ?? []))))),
  ]);
  const detection = (m as { detection?: unknown }).detection;
  const took = (Date.parse(m.finishedAt) - Date.parse(m.startedAt)) / 1000;
  const peak = Math.max(0, ...m.stages.map((s) => s.peakRssMb));
  const c = m.counts;
  const body = html`
<header>
  <h1>Run ${m.runId} <span class="status ${m.status}">${m.status}</span></h1>
  <p>${m.startedAt} → ${m.finishedAt} · ${took.toFixed(1)} s · peak ${peak} MB · version ${m.version} · config ${m.configHash.slice(0, 12)} · sinks ${m.sinks.join(', ')}</p>
  <p class="muted">input ${m.input.dir}</p>
  ${m.error ? html`<p class="error">exit ${m.error.exitCode}: ${m.error.message}</p>` : ''}
  <nav><a href="#run">The run</a> · <a href="#shape">The night's shape</a> · <a href="#clusters">Top clusters</a> · <a href="#lineage">Lineage</a> · <a href="#trend">Trend</a></nav>
</header>
<section id="run">
  <h2>The run</h2>
  <div class="cards">${[
    ['accounts', c.accounts],
    ['identifier links', c.links],
    ['rows rejected', c.rejectedRows],
    ['hubs set aside', c.hubs],
    ['clusters', c.clusters],
    ['candidates', c.candidates],
    ['rejections kept out', c.suppressedRejected],
    ['re-opened', c.reopened],
  ]
    .filter(([, n]) => n !== undefined)
    .map(([label, n]) => html`<div class="card"><b>${n}</b>${label}</div>`)}</div>
  ${cardLikeIdsNote(c) === null ? '' : html`<p class="error">${cardLikeIdsNote(c)}</p>`}
  <div class="row">
    <div>
      <h3>Stages</h3>
      <table><thead><tr><th>stage</th><th>wall s</th><th>peak RSS MB</th></tr></thead><tbody>${m.stages.map(
        (s) => html`<tr><td>${s.stage}</td><td class="n">${(s.ms / 1000).toFixed(2)}</td><td class="n">${s.peakRssMb}</td></tr>`,
      )}</tbody></table>
    </div>
    ${stageSvg ? html`<figure class="chart">${raw(stageSvg)}</figure>` : ''}
  </div>
  <h3>Rows per table</h3>
  <table><thead><tr><th>table</th><th>file</th><th>format</th><th>read</th><th>accepted</th><th>rejected</th><th>sha256</th></tr></thead><tbody>${m.input.tables.map(
    (t) => html`<tr><td>${t.table}</td><td>${basename(t.path)}</td><td>${t.format}</td><td class="n">${t.rowsRead}</td><td class="n">${t.rowsAccepted}</td><td class="n">${t.rowsRejected}</td><td class="muted">${t.sha256.slice(0, 12)}</td></tr>`,
  )}</tbody></table>
  <h3>Rejected rows by reason</h3>
  ${
    files.rejects.length === 0
      ? html`<p>No row was rejected.</p>`
      : html`<table><thead><tr><th>table</th><th>reason</th><th>rows</th></tr></thead><tbody>${files.rejects
          .slice(0, PAGE_LIMITS.rejectReasons)
          .map((r) => html`<tr><td>${r.table}</td><td>${r.reason}</td><td class="n">${r.rows}</td></tr>`)}</tbody></table>${more(files.rejects.length, PAGE_LIMITS.rejectReasons, 'reasons', 'rejects.csv')}`
  }
</section>
<section id="shape">
  <h2>The night's shape</h2>
  ${clusters.length === 0 ? html`<p>No cluster reached the threshold.</p>` : html`<div class="row"><figure class="chart plot">${raw(sizeSvg!)}</figure><figure class="chart plot">${raw(scoreSvg!)}</figure></div>`}
  ${calibrationNote(m)}
  ${detection === undefined ? '' : html`<div class="detection">${valueTables(detection, 'Detection')}</div>`}
</section>
<section id="clusters">
  <h2>Top clusters</h2>
  <p class="legend"><span class="dot acct"></span> account <span class="dot fraud"></span> known fraud <span class="sq ident"></span> shared identifier (colour by kind) <span class="sq hub"></span> hub (never a link)</p>
  ${clusters.slice(0, PAGE_LIMITS.pictures).map((cl, i) => clusterBlock(cl, pictures[i]!, files))}
  ${
    clusters.length > PAGE_LIMITS.pictures
      ? html`<h3>Next clusters</h3><table><thead><tr><th>cluster</th><th>score</th><th>size</th><th>summary</th></tr></thead><tbody>${clusters
          .slice(PAGE_LIMITS.pictures, PAGE_LIMITS.clusterRows)
          .map((cl) => html`<tr><td>${cl.cluster_id}</td><td class="n">${cl.score}</td><td class="n">${cl.features.size}</td><td>${cl.summary}</td></tr>`)}</tbody></table>${more(clusters.length, PAGE_LIMITS.clusterRows, 'clusters', 'clusters.csv')}`
      : ''
  }
</section>
<section id="lineage">
  <h2>Lineage</h2>
  ${lineageBlock(files)}
</section>
<section id="trend">
  <h2>Trend</h2>
  <p>${files.history.length} run(s) kept in the state folder.</p>
  ${trendSvg ? html`<figure class="chart">${raw(trendSvg)}</figure>` : html`<p>No succeeded run yet.</p>`}
  <table><thead><tr><th>run</th><th>status</th><th>started</th><th>accounts</th><th>clusters</th><th>candidates</th></tr></thead><tbody>${files.history
    .slice(-PAGE_LIMITS.trendRows)
    .reverse()
    .map(
      (h) =>
        html`<tr><td>${h.runId}</td><td>${h.status}</td><td>${h.startedAt}</td><td class="n">${h.counts.accounts ?? ''}</td><td class="n">${h.counts.clusters ?? ''}</td><td class="n">${h.counts.candidates ?? ''}</td></tr>`,
    )}</tbody></table>
</section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>fraud-rings run ${html`${m.runId}`}</title>
<style>${STYLE}</style></head>
<body>${body}
</body></html>
`;
}

function clusterBlock(cluster: ReportCluster, svg: string, files: RunFiles): Html {
  const event = files.lineage.find((l) => l.clusterId === cluster.cluster_id);
  const positive = cluster.contributions.filter((x) => x.points !== 0);
  return html`<article class="cluster" id="${cluster.cluster_id}" data-cluster-id="${cluster.cluster_id}">
  <figure class="picture">${raw(svg)}</figure>
  <div>
    <h3>${cluster.cluster_id} <span class="score">score ${cluster.score}</span></h3>
    <p>${cluster.summary}</p>
    <p class="muted">${cluster.features.size} accounts${event ? html` · ${event.event}${event.previousClusterIds.length ? ` from ${event.previousClusterIds.join(', ')}` : ''}` : ''}${cluster.first_seen_run ? html` · first seen in ${cluster.first_seen_run}` : ''}${cluster.hubs.length ? html` · uses ${cluster.hubs.length} hub(s)` : ''}</p>
    <table><thead><tr><th>reason</th><th>points</th><th>why</th></tr></thead><tbody>${positive.map(
      (x) => html`<tr><td><code>${x.code}</code></td><td class="n">${x.points}</td><td>${x.description ?? ''}</td></tr>`,
    )}</tbody></table>
  </div>
</article>`;
}

function lineageBlock(files: RunFiles): Html {
  if (files.lineage.length === 0) return html`<p>No lineage: no cluster tonight or in the previous run.</p>`;
  const order = ['new', 'grown', 'shrunk', 'merged', 'split', 'dissolved', 'continued'];
  const counts = new Map<string, number>();
  for (const l of files.lineage) counts.set(l.event, (counts.get(l.event) ?? 0) + 1);
  const changed = files.lineage.filter((l) => l.event !== 'continued').sort((x, y) => order.indexOf(x.event) - order.indexOf(y.event));
  return html`<div class="cards">${order.filter((e) => counts.has(e)).map((e) => html`<div class="card"><b>${counts.get(e)}</b>${e}</div>`)}</div>
  ${
    changed.length > 0
      ? html`<table><thead><tr><th>cluster</th><th>event</th><th>previous clusters</th></tr></thead><tbody>${changed
          .slice(0, PAGE_LIMITS.lineageRows)
          .map((l) => html`<tr><td>${l.clusterId}</td><td>${l.event}</td><td>${l.previousClusterIds.join(', ')}</td></tr>`)}</tbody></table>${more(changed.length, PAGE_LIMITS.lineageRows, 'changes', 'lineage.csv')}`
      : ''
  }`;
}

function more(total: number, shown: number, what: string, file: string): Html {
  return total > shown ? html`<p class="muted">… ${total - shown} more ${what} in ${file}</p>` : html``;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 20px 40px;color:#222}
h1{font-size:22px;margin:18px 0 4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;margin:4px 0 10px}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#777}.error{color:#a00;font-weight:600}.status{font-size:13px;padding:2px 8px;border-radius:10px;background:#ddd;vertical-align:middle}.status.succeeded{background:#d7f0d9}.status.failed{background:#f6d2d2}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}.card{border:1px solid #e3e3e3;border-radius:6px;padding:6px 12px;min-width:90px;color:#555}.card b{display:block;font-size:18px;color:#222}
.row{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}figure{margin:0}
.cluster{display:flex;gap:18px;border-top:1px solid #eee;padding:10px 0}.cluster .picture{flex:0 0 368px;align-self:flex-start;border:1px solid #eee;border-radius:6px}.score{font-weight:400;color:#a33}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;vertical-align:middle}.dot{border-radius:50%}.acct{background:#4c78a8}.fraud{background:#d62728}.ident{background:#f58518}.hub{background:#d0d0d0}
nav a{color:#336}code{font-size:12px}
`;
