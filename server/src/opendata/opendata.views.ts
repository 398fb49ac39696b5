// The open data page (the public site's frame, its dictionary) and the Atom feed. Every value goes
// through `html`, which escapes for XML as for HTML.
import type { Timeliness } from '@giamsat/shared';
import { type Html, html } from '../public/public.html.ts';
import { fill, type Speech } from '../public/public.messages.ts';
import { directiveName, layout, publicPaths } from '../public/public.views.ts';
import { DATA_SETS, dataSetHead } from './opendata.dictionary.ts';
import { openDataWords } from './opendata.messages.ts';
import type { DataSetName, DownloadFormat } from './opendata.schemas.ts';
import type { FeedView } from './opendata.service.ts';

export const openDataPaths = {
  page: publicPaths.openData,
  download: (set: DataSetName, format: DownloadFormat) => `${publicPaths.openData}/${set}.${format}`,
  feed: `${publicPaths.openData}/feed.atom`,
  api: (set: DataSetName) => `/api/public/${set}`,
};

const FORMATS: { format: DownloadFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'xlsx', label: 'Excel (.xlsx)' },
];

export function openDataPage(s: Speech, asOf: string): Html {
  const { m } = s;
  const od = openDataWords(s.lang);
  const sets = DATA_SETS.map((set) => {
    const head = dataSetHead(s, set, asOf);
    return html`<section aria-labelledby="set-${set}">
<h2 id="set-${set}">${head.title}</h2>
<p>${od.sets[set].description}</p>
<p><strong>${od.download}:</strong> ${FORMATS.map(
      ({ format, label }, i) =>
        html`${i ? ' · ' : ''}<a href="${s.href(openDataPaths.download(set, format))}" download>${label}</a>`,
    )} · <a href="${openDataPaths.api(set)}">${od.api}</a></p>
<details><summary>${od.dictionary}: ${head.title}</summary>
<div class="scroll"><table>
<thead><tr><th scope="col">${od.column}</th><th scope="col">${od.type}</th><th scope="col">${od.meaning}</th></tr></thead>
<tbody>${head.columns.map((c) => html`<tr><td><code>${c.name}</code></td><td>${od.types[c.type]}</td><td>${c.meaning}</td></tr>`)}</tbody>
</table></div></details>
</section>`;
  });
  const states = Object.entries(m.states) as [Timeliness, string][];
  return layout(
    s,
    { title: od.title, path: openDataPaths.page, asOf },
    html`<h1>${od.title}</h1>
<p>${od.intro}</p>
<p class="muted">${fill(m.site.asOf, { day: s.day(asOf) })}. ${od.licence}</p>
${sets}
<h2>${od.stateCodes}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">state</th><th scope="col">${od.meaning}</th></tr></thead>
<tbody>${states.map(([code, name]) => html`<tr><td><code>${code}</code></td><td>${name}</td></tr>`)}</tbody>
</table></div>
<h2>${od.api}</h2>
<p>${od.apiText}</p>
<h2>${od.feed}</h2>
<p><a href="${openDataPaths.feed}">${od.feed}</a> — ${od.feedText}</p>`,
  );
}

interface Entry {
  id: string;
  title: string;
  updated: string;
  href: string;
  summary: string;
}

/** An Atom 1.0 feed of newly published directives and newly completed tasks, newest first. */
export function atomFeed(s: Speech, view: FeedView, site: { origin: string; host: string }): Html {
  const od = openDataWords(s.lang);
  const tag = (what: string) => `tag:${site.host},2026:${what}`;
  const entries: Entry[] = [
    ...view.directives.map((d) => ({
      id: tag(`directive/${d.id}`),
      title: fill(od.feedDirective, { name: directiveName(d) }),
      updated: (d.published_at ?? d.created_at).toISOString(),
      href: site.origin + s.href(publicPaths.directive(d.id)),
      summary: d.issuer_agency_name ?? d.issuer_name ?? '',
    })),
    ...view.completed.map((t) => ({
      id: tag(`task/${t.id}/completed`),
      title: fill(od.feedTask, { text: t.text }),
      // The day it was completed, at the start of that day in Vietnam.
      updated: new Date(`${t.completedOn}T00:00:00+07:00`).toISOString(),
      href: site.origin + s.href(publicPaths.task(t.id)),
      summary: [t.directive.number, t.lead.map((b) => b.name).join(', ')].filter(Boolean).join(' — '),
    })),
  ].sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  return html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${s.lang}">
<id>${tag('feed')}</id>
<title>${od.feedTitle}</title>
<updated>${updated}</updated>
<author><name>${s.m.site.name}</name></author>
<link rel="self" type="application/atom+xml" href="${site.origin}${s.href(openDataPaths.feed)}"/>
<link rel="alternate" type="text/html" href="${site.origin}${s.href(publicPaths.home)}"/>
${entries.map(
  (e) => html`<entry>
<id>${e.id}</id>
<title>${e.title}</title>
<updated>${e.updated}</updated>
<link rel="alternate" type="text/html" href="${e.href}"/>
${e.summary ? html`<summary>${e.summary}</summary>` : ''}
</entry>
`,
)}</feed>
`;
}
