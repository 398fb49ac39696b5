// The public pages as HTML: small, no script, one inline style sheet, readable on a 390 px phone.
// Every text comes from the dictionary (public.messages.ts); every value goes through `html`.
import type { Timeliness } from '@giamsat/shared';
import type { DashboardResponse } from '../dashboard/dashboard.schemas.ts';
import type { DirectiveRow } from '../directives/directive.queries.ts';
import type { EvidenceResponse } from '../reports/report.schemas.ts';
import type { TaskRow } from '../tasks/task.schemas.ts';
import { escapeHtml, Html, type HtmlValue, html } from './public.html.ts';
import { fill, type Speech } from './public.messages.ts';
import type {
  BodyView,
  ChainHeadView,
  DirectiveView,
  HomeView,
  SearchView,
  TaskView,
  TaskWithResult,
} from './public.service.ts';

export const PUBLIC_ROOT = '/cong-khai';
export const publicPaths = {
  home: PUBLIC_ROOT,
  search: `${PUBLIC_ROOT}/tim-kiem`,
  body: (id: number) => `${PUBLIC_ROOT}/co-quan/${id}`,
  directive: (id: number) => `${PUBLIC_ROOT}/van-ban/${id}`,
  task: (id: number) => `${PUBLIC_ROOT}/nhiem-vu/${id}`,
  /** A body's card, the one page another site may frame (public.routes.ts, http/security-headers.ts). */
  bodyCard: (id: number) => `${PUBLIC_ROOT}/nhung/co-quan/${id}`,
  /** The public site's one script: the "copy" button of the embed code (pages work without it). */
  script: `${PUBLIC_ROOT}/trang.js`,
  /** A public evidence file, always downloaded (public.routes.ts). */
  evidence: (id: number) => `${PUBLIC_ROOT}/minh-chung/${id}`,
  /** The open data (opendata/): its page, downloads, API and feed. */
  openData: '/open-data',
  // Feedback has its own short addresses, the ones printed on paper and said aloud.
  feedback: '/gop-y',
  feedbackTrack: '/gop-y/tra-cuu',
  feedbackRate: '/gop-y/tra-cuu/danh-gia',
};

const STYLE = new Html(`
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1b1e;background:#f6f7f9}
a{color:#a61e1e}
header{background:#a61e1e;color:#fff;padding:.6rem 1rem}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #1c4f9c;outline-offset:2px}
header a:focus-visible{outline-color:#fff}
main:focus{outline:0}
.skip{position:absolute;left:-10000px;top:.4rem;background:#fff;color:#a61e1e;padding:.4rem .8rem;border-radius:6px;z-index:1}
.skip:focus{left:.6rem}
header a{color:#fff}
.top{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;justify-content:space-between;max-width:72rem;margin:0 auto}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
header nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.95rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.3;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
.muted{color:#5c5f66;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem}
.card{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:.75rem}
.big{font-size:1.6rem;font-weight:700}
.bars{list-style:none;padding:0;margin:0}
.bars li{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.2rem .6rem;padding:.3rem 0;border-bottom:1px solid #eceef1}
.bar{grid-column:1/-1;height:.45rem;background:#eceef1;border-radius:4px;overflow:hidden}
.bar span{display:block;height:100%;background:#a61e1e}
.scroll{overflow-x:auto;background:#fff;border:1px solid #dee2e6;border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:.45rem .6rem;text-align:left;border-bottom:1px solid #eceef1;vertical-align:top}
th{background:#f1f3f5;font-weight:600}
td.n,th.n{text-align:right;white-space:nowrap}
td:first-child{min-width:9rem}
code{overflow-wrap:anywhere}
@media (max-width:30rem){main{padding:1rem .6rem}table{font-size:.9rem}th,td{padding:.4rem .35rem}th.n{white-space:normal;width:1%}td:first-child{min-width:0}}
.tasks{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
.task{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:.7rem .8rem}
.task p{margin:.25rem 0}
.meta{display:flex;flex-wrap:wrap;gap:.2rem .9rem;font-size:.9rem;color:#373a40}
.state{display:inline-block;padding:0 .45rem;border-radius:4px;font-size:.85rem;font-weight:600;background:#e9ecef;color:#343a40}
.state-in_progress_overdue,.state-done_late{background:#ffe3e3;color:#a61e1e}
.state-done_on_time,.state-continuous_with_results{background:#d3f9d8;color:#1b6b2c}
.state-in_progress_on_time{background:#e7f0ff;color:#1c4f9c}
.result{border-left:3px solid #2f9e44;padding-left:.6rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 1rem}
form.search input{flex:1 1 14rem;font:inherit;padding:.45rem .6rem;border:1px solid #adb5bd;border-radius:6px}
.embed{display:grid;gap:.4rem;max-width:40rem}
.embed textarea{font:.85rem/1.4 ui-monospace,Menlo,Consolas,monospace;width:100%;padding:.5rem;border:1px solid #adb5bd;border-radius:6px;background:#fff}
.embed button{font:inherit;padding:.45rem 1rem;border:0;border-radius:6px;background:#a61e1e;color:#fff;justify-self:start}
form.search button{font:inherit;padding:.45rem 1rem;border:0;border-radius:6px;background:#a61e1e;color:#fff}
form.feedback{display:grid;gap:.8rem;max-width:40rem}
form.feedback fieldset{border:1px solid #dee2e6;border-radius:8px;background:#fff;padding:.6rem .8rem;margin:0;display:grid;gap:.6rem}
form.feedback .field{display:grid;gap:.2rem}
form.feedback .field label{font-weight:600}
form.feedback label.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
form.feedback input[type=text],form.feedback input[type=email],form.feedback input[type=tel],form.feedback select,form.feedback textarea{font:inherit;font-weight:400;width:100%;padding:.5rem .6rem;border:1px solid #adb5bd;border-radius:6px;background:#fff}
form.feedback textarea{min-height:9rem}
form.feedback button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#a61e1e;color:#fff;justify-self:start}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.problems{background:#fff5f5;border:1px solid #ffc9c9;border-radius:8px;padding:.6rem .9rem}
.notice{background:#fff;border-left:4px solid #a61e1e;padding:.6rem .9rem}
.answer{white-space:pre-line}
.code{font:700 1.6rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em}
footer{max-width:72rem;margin:1.5rem auto;padding:0 1rem;color:#5c5f66;font-size:.85rem}
`);

interface PageOptions {
  title: string;
  /** The same page in the other language (path and query without `lang`). */
  path: string;
  query?: Record<string, string>;
  asOf?: string;
  /** The audit trail's head (public.service.ts ChainHeadView), published in the footer. */
  chainHead?: ChainHeadView['chainHead'];
}

/** The frame of every page: header with the site's links, the page, a footer with the day of the data. */
export function layout(s: Speech, page: PageOptions, body: Html): Html {
  const { m } = s;
  const otherLang = s.lang === 'vi' ? 'en' : 'vi';
  const otherParams = new URLSearchParams(page.query ?? {});
  if (otherLang !== 'vi') otherParams.set('lang', otherLang);
  const otherHref = otherParams.size ? `${page.path}?${otherParams}` : page.path;
  return html`<!doctype html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${m.site.name}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${m.site.skipToContent}</a>
<header><div class="top">
<a class="brand" href="${s.href(publicPaths.home)}">${m.site.name}</a>
<nav aria-label="${m.site.name}">
<a href="${s.href(publicPaths.home)}">${m.site.home}</a>
<a href="${s.href(publicPaths.search)}">${m.site.search}</a>
<a href="${s.href(publicPaths.openData)}">${m.site.openData}</a>
<a href="${s.href(publicPaths.feedback)}">${m.feedback.nav}</a>
<a href="${otherHref}" hreflang="${otherLang}" lang="${otherLang}">${m.site.otherLanguage}</a>
<a href="/login">${m.site.signIn}</a>
</nav>
</div></header>
<main id="main" tabindex="-1">
${body}
</main>
<footer><p>${m.site.footer}</p>${page.asOf ? html`<p>${fill(m.site.asOf, { day: s.day(page.asOf) })}</p>` : ''}${
    page.chainHead?.hash
      ? html`<p data-chain-head>${fill(m.site.chainHead, { n: s.number(page.chainHead.lastId ?? 0) })}
<code>${page.chainHead.hash}</code> (<a href="/api/audit/head">${m.site.chainHeadCheck}</a>)</p>`
      : ''
  }</footer>
</body>
</html>`;
}

function stateBadge(s: Speech, state: Timeliness): Html {
  return html`<span class="state state-${state}">${s.m.states[state]}</span>`;
}

function deadlineText(s: Speech, deadline: TaskRow['deadline']): string {
  if (deadline.due) return s.day(deadline.due);
  if (deadline.kind === 'date') return '';
  return s.m.deadline[deadline.kind];
}

function bodyLinks(s: Speech, bodies: readonly { id: number; name: string }[]): HtmlValue {
  return bodies.map((body, i) => html`${i ? ', ' : ''}<a href="${s.href(publicPaths.body(body.id))}">${body.name}</a>`);
}

/** One task as a card: its text (a link to its page), state, lead, deadline, days overdue, result. */
function taskCard(s: Speech, task: TaskRow & { result?: string | null }): Html {
  const { m } = s;
  return html`<li class="task">
<p><a href="${s.href(publicPaths.task(task.id))}">${task.ref ? `${task.ref}. ` : ''}${task.text}</a></p>
<div class="meta">
${stateBadge(s, task.timeliness)}
${task.lead.length ? html`<span>${m.task.lead}: ${bodyLinks(s, task.lead)}</span>` : ''}
<span>${m.task.deadline}: ${deadlineText(s, task.deadline)}</span>
${task.daysOverdue > 0 ? html`<strong>${fill(m.task.daysOverdue, { n: s.number(task.daysOverdue) })}</strong>` : ''}
${task.completedOn ? html`<span>${m.task.completedOn}: ${s.day(task.completedOn)}</span>` : ''}
${task.directive.number ? html`<a href="${s.href(publicPaths.directive(task.directive.id))}">${task.directive.number}</a>` : ''}
</div>
${task.result ? html`<p class="result"><span class="muted">${m.task.result}:</span> ${task.result}</p>` : ''}
</li>`;
}

function taskList(s: Speech, page: { rows: (TaskRow | TaskWithResult)[]; total: number }, empty: string): Html {
  if (!page.rows.length) return html`<p class="muted">${empty}</p>`;
  const more = page.total - page.rows.length;
  return html`<ul class="tasks">${page.rows.map((task) => taskCard(s, task))}</ul>
${more > 0 ? html`<p class="muted">${fill(s.m.body.more, { n: s.number(more) })}</p>` : ''}`;
}

/** The figures every scope has: total, on-time completion rate, tasks by state and overdue by age. */
function figures(s: Speech, d: DashboardResponse): Html {
  const { m } = s;
  const total = d.totals.total.count;
  const rate = d.rates.onTimeCompletion;
  const states = Object.entries(d.totals.byState) as [Timeliness, { count: number }][];
  const widest = Math.max(1, ...states.map(([, f]) => f.count));
  const bands = d.overdueAgeing;
  const widestBand = Math.max(1, ...bands.map((b) => b.count));
  return html`<div class="cards">
<div class="card"><div class="muted">${m.figures.total}</div><div class="big">${s.number(total)}</div></div>
<div class="card"><div class="muted">${m.figures.onTimeCompletion}</div><div class="big">${s.percent(rate.rate)}</div>
<div class="muted">${fill(m.figures.onTimeCompletionOf, { done: s.number(rate.numerator), total: s.number(rate.denominator) })}</div></div>
<div class="card"><div class="muted">${m.figures.completion}</div><div class="big">${s.percent(d.rates.completion.rate)}</div></div>
<div class="card"><div class="muted">${m.figures.overdue}</div><div class="big">${s.number(d.totals.byState.in_progress_overdue.count)}</div></div>
</div>
<h2>${m.figures.byState}</h2>
<ul class="bars">${states.map(
    ([state, f]) => html`<li><span>${m.states[state]}</span><strong>${s.number(f.count)}</strong>
<span class="bar" aria-hidden="true"><span style="width:${Math.round((f.count / widest) * 100)}%"></span></span></li>`,
  )}</ul>
<h2>${m.figures.overdueByAge}</h2>
<ul class="bars">${bands.map(
    (band) => html`<li><span>${
      band.toDays === null
        ? fill(m.figures.bandOpen, { from: band.fromDays - 1 })
        : fill(m.figures.band, { from: band.fromDays, to: band.toDays })
    }</span><strong>${s.number(band.count)}</strong>
<span class="bar" aria-hidden="true"><span style="width:${Math.round((band.count / widestBand) * 100)}%"></span></span></li>`,
  )}</ul>`;
}

type BodyRow = DashboardResponse['byProvince'][number];

function bodyTable(s: Speech, caption: string, rows: BodyRow[]): Html {
  const { m } = s;
  if (!rows.length) return html`<h2>${caption}</h2><p class="muted">${m.figures.noData}</p>`;
  return html`<h2>${caption}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">${m.figures.body}</th><th scope="col" class="n">${m.figures.columnTasks}</th>
<th scope="col" class="n">${m.figures.overdue}</th><th scope="col" class="n" title="${m.figures.onTimeCompletion}">${m.figures.columnOnTime}</th></tr></thead>
<tbody>${rows.map(
    (row) => html`<tr><td><a href="${s.href(publicPaths.body(row.agency.id))}">${row.agency.name}</a></td>
<td class="n">${s.number(row.total)}</td><td class="n">${s.number(row.overdue)}</td>
<td class="n">${s.percent(row.rates.onTimeCompletion.rate)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

export function homePage(s: Speech, view: HomeView): Html {
  const { m } = s;
  const d = view.dashboard;
  // The ministries' table: central bodies that lead tasks themselves (named groups are not bodies).
  const ministries = d.byAgency.rows.filter((row) => row.agency.level === 'central' && row.agency.kind !== 'group');
  return layout(
    s,
    { title: m.site.home, path: publicPaths.home, asOf: d.asOf, chainHead: view.chainHead },
    html`<h1>${m.site.tagline}</h1>
${searchForm(s, '')}
${figures(s, d)}
<h2>${m.figures.completedRecently}</h2>
${taskList(s, view.completedRecently, m.figures.noneCompletedRecently)}
${bodyTable(s, m.figures.provinces, d.byProvince)}
${bodyTable(s, m.figures.ministries, ministries)}`,
  );
}

/** How a body answers feedback: how many, the share on time, and the senders' average rating. */
function responseFigures(s: Speech, r: BodyView['responses']): Html {
  const m = s.m.body;
  if (r.answered === 0) return html`<p class="muted" data-responses>${m.noResponses}</p>`;
  // One decimal: the figure reads as a score out of five.
  const average = r.averageRating === null ? '—' : `${s.number(Math.round(r.averageRating * 10) / 10)}/5`;
  return html`<div class="cards" data-responses>
<div class="card"><div class="muted">${m.answered}</div><div class="big">${s.number(r.answered)}</div></div>
<div class="card"><div class="muted">${m.answeredOnTime}</div><div class="big">${s.percent(r.onTimeShare)}</div>
<div class="muted">${fill(m.answeredOnTimeOf, { done: s.number(r.answeredOnTime), total: s.number(r.answered) })}</div></div>
<div class="card"><div class="muted">${m.averageRating}</div><div class="big">${average}</div>
<div class="muted">${r.rated ? fill(m.ratings, { n: s.number(r.rated) }) : m.noRatings}</div></div>
</div>`;
}

/**
 * The one line a portal pastes to show a body's card, pointing at this site (APP_URL, never the request's
 * Host: the page holding it is cached for every visitor).
 */
export function embedCode(s: Speech, siteUrl: string, agency: { id: number; name: string }): string {
  const src = `${siteUrl}${s.href(publicPaths.bodyCard(agency.id))}`;
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(fill(s.m.embed.cardTitle, { body: agency.name }))}" width="360" height="260" style="border:0" loading="lazy"></iframe>`;
}

/** The embed code with its "copy" button (the site's script shows the button; without it, select the text). */
function embedSection(s: Speech, siteUrl: string, agency: { id: number; name: string }): Html {
  const { m } = s;
  return html`<h2>${m.embed.title}</h2>
<p class="muted">${m.embed.hint}</p>
<div class="embed">
<label for="embed-code">${m.embed.code}</label>
<textarea id="embed-code" readonly rows="3">${embedCode(s, siteUrl, agency)}</textarea>
<button type="button" hidden data-copy="embed-code" data-status="embed-status" data-done="${m.embed.copied}">${m.embed.copy}</button>
<span id="embed-status" role="status" aria-live="polite"></span>
</div>
<script src="${publicPaths.script}" defer></script>`;
}

export function bodyPage(s: Speech, view: BodyView, siteUrl: string): Html {
  const { m } = s;
  const d = view.dashboard;
  const agency = d.scope.agency!;
  return layout(
    s,
    { title: agency.name, path: publicPaths.body(agency.id), asOf: d.asOf, chainHead: view.chainHead },
    html`<h1>${agency.name}</h1>
<p class="muted">${m.body.ledFigures}</p>
${figures(s, d)}
<h2>${m.body.overdueTasks}</h2>
${taskList(s, view.overdue, m.body.noOverdue)}
<h2>${m.body.completedTasks}</h2>
${taskList(s, view.completed, m.body.noCompleted)}
<h2>${m.body.asLead} (${s.number(view.lead.total)})</h2>
${taskList(s, view.lead, m.figures.noData)}
<h2>${m.body.asCoordinator} (${s.number(view.coordinating.total)})</h2>
${taskList(s, view.coordinating, m.figures.noData)}
<h2>${m.body.responses}</h2>
${responseFigures(s, view.responses)}
${embedSection(s, siteUrl, agency)}`,
  );
}

const CARD_STYLE = new Html(`
*{box-sizing:border-box}
body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1b1e;background:#fff}
main{border:1px solid #dee2e6;border-top:4px solid #a61e1e;border-radius:8px;padding:.7rem .8rem;margin:2px}
h1{font-size:1.05rem;margin:0 0 .5rem;line-height:1.3}
a{color:#a61e1e}
a:focus-visible{outline:3px solid #1c4f9c;outline-offset:2px}
dl{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;margin:0}
dl div{background:#f6f7f9;border-radius:6px;padding:.4rem .5rem}
dt{font-size:.8rem;color:#5c5f66}
dd{margin:0;font-size:1.3rem;font-weight:700}
.muted{color:#5c5f66;font-size:.8rem;margin:.5rem 0 0}
.over dd{color:#a61e1e}
`);

/**
 * A body's card for other sites to frame (issue 12, item 4): its rates and overdue count, the day of the
 * data and a link to its page (opened outside the frame). A page of its own, small and without script.
 */
export function bodyCardPage(s: Speech, d: DashboardResponse): Html {
  const { m } = s;
  const agency = d.scope.agency!;
  const rate = d.rates.onTimeCompletion;
  const title = fill(m.embed.cardTitle, { body: agency.name });
  return html`<!doctype html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${m.site.name}</title>
<base target="_blank">
<style>${CARD_STYLE}</style>
</head>
<body>
<main data-card="${agency.id}">
<h1><a href="${s.href(publicPaths.body(agency.id))}" rel="noopener">${agency.name}</a></h1>
<dl>
<div><dt>${m.figures.onTimeCompletion}</dt><dd>${s.percent(rate.rate)}</dd></div>
<div><dt>${m.figures.completion}</dt><dd>${s.percent(d.rates.completion.rate)}</dd></div>
<div class="over"><dt>${m.figures.overdue}</dt><dd data-overdue>${s.number(d.totals.byState.in_progress_overdue.count)}</dd></div>
<div><dt>${m.figures.total}</dt><dd>${s.number(d.totals.total.count)}</dd></div>
</dl>
<p class="muted">${fill(m.figures.onTimeCompletionOf, { done: s.number(rate.numerator), total: s.number(rate.denominator) })} · ${fill(m.site.asOf, { day: s.day(d.asOf) })} · <a href="${s.href(publicPaths.home)}" rel="noopener">${m.site.name}</a></p>
</main>
</body>
</html>`;
}

/** The copy button of the embed code: shown only where the script runs; the text stays selectable anyway. */
export const PUBLIC_SCRIPT = `for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.status);
  if (!field) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      document.execCommand('copy');
    }
    if (status) status.textContent = button.dataset.done;
  });
}
`;

export function directiveName(d: Pick<DirectiveRow, 'number' | 'title'>): string {
  return d.number ? `${d.number} — ${d.title}` : d.title;
}

export function directivePage(s: Speech, view: DirectiveView): Html {
  const { m } = s;
  const d = view.directive;
  const issuer = d.issuer_agency_name ?? d.issuer_name;
  return layout(
    s,
    { title: d.number ?? d.title, path: publicPaths.directive(d.id), chainHead: view.chainHead },
    html`<h1>${directiveName(d)}</h1>
<div class="meta">
${d.issued_on ? html`<span>${m.directive.issuedOn}: ${s.day(d.issued_on)}</span>` : ''}
${
  issuer
    ? html`<span>${m.directive.issuer}: ${
        d.issuer_agency_id ? html`<a href="${s.href(publicPaths.body(d.issuer_agency_id))}">${issuer}</a>` : issuer
      }</span>`
    : ''
}
</div>
<h2>${m.directive.tasks} (${s.number(view.tasks.total)})</h2>
${taskList(s, view.tasks, m.directive.noTasks)}
${
  view.implementedBy.length
    ? html`<h2>${m.directive.lowerPlans}</h2>
<ul>${view.implementedBy.map((x) => html`<li><a href="${s.href(publicPaths.directive(x.id))}">${directiveName(x)}</a></li>`)}</ul>`
    : ''
}`,
  );
}

export function taskPage(s: Speech, view: TaskView): Html {
  const { m } = s;
  const t = view.task;
  return layout(
    s,
    { title: `${m.task.title} ${t.ref}`, path: publicPaths.task(t.id), asOf: t.asOf, chainHead: view.chainHead },
    html`<p class="muted">${m.task.directive}: <a href="${s.href(publicPaths.directive(t.directive.id))}">${directiveName(t.directive)}</a></p>
<h1>${t.ref ? `${t.ref}. ` : ''}${t.text}</h1>
<div class="meta">
${stateBadge(s, t.timeliness)}
<span>${m.task.deadline}: ${deadlineText(s, t.deadline)}</span>
${t.daysOverdue > 0 ? html`<strong>${fill(m.task.daysOverdue, { n: s.number(t.daysOverdue) })}</strong>` : ''}
<span>${m.task.progress}: ${t.progressPercent}%</span>
${t.completedOn ? html`<span>${m.task.completedOn}: ${s.day(t.completedOn)}</span>` : ''}
</div>
<p>${m.task.lead}: ${bodyLinks(s, t.lead)}</p>
${t.coordinating.length ? html`<p>${m.task.coordinating}: ${bodyLinks(s, t.coordinating)}</p>` : ''}
${t.parent ? html`<p>${m.task.parent}: <a href="${s.href(publicPaths.task(t.parent.id))}">${t.parent.text}</a></p>` : ''}
<h2>${m.task.timeline}</h2>
${
  view.reports.length
    ? html`<ul class="tasks">${view.reports.map(
        (r) => html`<li class="task">
<div class="meta"><strong>${s.day(r.reviewedAt ?? r.submittedAt)}</strong>
<span>${fill(m.task.reportBy, { body: r.agency.name, percent: r.percent })}</span></div>
<p>${r.narrative}</p>
${r.difficulties ? html`<p><span class="muted">${m.task.difficulties}:</span> ${r.difficulties}</p>` : ''}
${r.recommendations ? html`<p><span class="muted">${m.task.recommendations}:</span> ${r.recommendations}</p>` : ''}
${r.evidence.length ? evidenceList(s, r.evidence) : ''}
</li>`,
      )}</ul>`
    : html`<p class="muted">${m.task.noReports}</p>`
}
${
  t.children.length
    ? html`<h2>${m.task.children}</h2><ul class="tasks">${t.children.map((child) => taskCard(s, child))}</ul>`
    : ''
}`,
  );
}

/** A report's public evidence: files to download (never opened in the page), links to follow. */
function evidenceList(s: Speech, items: readonly EvidenceResponse[]): Html {
  const { m } = s;
  return html`<div data-evidence><span class="muted">${m.task.evidence}:</span><ul>${items.map((e) =>
    e.file
      ? html`<li><a href="${publicPaths.evidence(e.id)}" download="${e.file.filename}">${e.file.filename}</a>
<span class="muted">(${m.task.download}, ${s.number(Math.max(1, Math.round(e.file.sizeBytes / 1024)))} KB)</span></li>`
      : html`<li><a href="${e.url ?? ''}" rel="nofollow noopener noreferrer">${e.title || e.url}</a>
<span class="muted">(${m.task.link})</span></li>`,
  )}</ul></div>`;
}

function searchForm(s: Speech, q: string): Html {
  return html`<form class="search" method="get" action="${publicPaths.search}" role="search">
<label class="muted" for="q">${s.m.search.label}</label>
<input id="q" name="q" type="search" value="${q}" maxlength="200">
${s.lang === 'vi' ? '' : html`<input type="hidden" name="lang" value="${s.lang}">`}
<button type="submit">${s.m.search.submit}</button>
</form>`;
}

export function searchPage(s: Speech, view: SearchView): Html {
  const { m } = s;
  const found = view.directives.total + view.tasks.total;
  return layout(
    s,
    { title: m.search.title, path: publicPaths.search, query: view.q ? { q: view.q } : {}, chainHead: view.chainHead },
    html`<h1>${m.search.title}</h1>
${searchForm(s, view.q)}
${
  view.q
    ? found
      ? html`<p class="muted">${fill(m.search.found, { n: s.number(found) })}</p>
${
  view.directives.rows.length
    ? html`<h2>${m.search.directives} (${s.number(view.directives.total)})</h2>
<ul>${view.directives.rows.map((d) => html`<li><a href="${s.href(publicPaths.directive(d.id))}">${directiveName(d)}</a></li>`)}</ul>`
    : ''
}
${view.tasks.rows.length ? html`<h2>${m.search.tasks} (${s.number(view.tasks.total)})</h2>${taskList(s, view.tasks, '')}` : ''}`
      : html`<p>${m.search.noResults}</p>`
    : ''
}`,
  );
}

export function notFoundPage(s: Speech, path: string): Html {
  return layout(
    s,
    { title: s.m.site.notFoundTitle, path },
    html`<h1>${s.m.site.notFoundTitle}</h1><p>${s.m.site.notFoundText}</p>
<p><a href="${s.href(publicPaths.home)}">${s.m.site.home}</a></p>`,
  );
}
