// The public pages of feedback, server-rendered like the rest of the public site (no script, readable on
// a phone): the form at /gop-y, which posts as a plain HTML form, and the lookup by tracking code. They
// call the same service and the same zod contract as POST /api/feedback.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { type Html, html } from '../public/public.html.ts';
import { fill, PublicLanguage, type Speech, speech } from '../public/public.messages.ts';
import { layout, publicPaths } from '../public/public.views.ts';
import type { FeedbackHistoryRow, FeedbackRow } from './feedback.queries.ts';
import { listTopBodies } from './feedback.queries.ts';
import { RateAnswerBody, SubmissionType, SubmitFeedbackBody } from './feedback.schemas.ts';
import { canRate, listFields, rateAnswer, submitFeedback, trackFeedback } from './feedback.service.ts';

type FormValues = Record<string, string>;
interface FormChoices {
  fields: Array<{ id: number; name: string }>;
  bodies: Array<{ id: number; name: string }>;
}

const PageQuery = z.object({ lang: PublicLanguage.catch('vi') });
const TrackQuery = PageQuery.extend({
  ma: z.string().trim().max(32).catch(''),
  moi: z.string().max(1).optional().catch(undefined),
  'cam-on': z.string().max(1).optional().catch(undefined),
});
/** A form post: every value a short string (the contract checks each one). */
const FormBody = z.record(z.string().max(64), z.string().max(20_000));

function send(reply: FastifyReply, page: Html, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.markup);
}

/** The form's flat fields → the API's contract. */
function toSubmission(form: FormValues) {
  return {
    type: form.type,
    fieldId: form.fieldId,
    concernedAgencyId: form.concernedAgencyId || undefined,
    title: form.title,
    content: form.content,
    contact: { name: form.name, email: form.email, phone: form.phone, organisation: form.organisation },
    publication: { consent: form.consent === 'on', includeName: form.includeName === 'on' },
    website: form.website,
  };
}

function feedbackForm(s: Speech, choices: FormChoices, form: FormValues, problems: string[]): Html {
  const t = s.m.feedback;
  const selected = (name: string, value: string | number) => (form[name] === String(value) ? html` selected` : '');
  const checked = (name: string) => (form[name] === 'on' ? html` checked` : '');
  // Each control named by a label of its own (for/id): a label wrapping a select would name it by its options too.
  const field = (name: string, label: string, control: Html) =>
    html`<div class="field"><label for="fb-${name}">${label}</label>${control}</div>`;
  const text = (name: string, label: string, type = 'text', extra: Html | string = '') =>
    field(
      name,
      label,
      html`<input id="fb-${name}" type="${type}" name="${name}" value="${form[name] ?? ''}" ${extra}>`,
    );
  return html`<h1>${t.title}</h1>
<p>${t.intro}</p>
<p><a href="${s.href(publicPaths.feedbackTrack)}">${t.trackTitle}</a></p>
${problems.length ? html`<div class="problems" role="alert"><p>${t.invalid}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
<form class="feedback" method="post" action="${s.href(publicPaths.feedback)}">
<fieldset>
${field(
  'type',
  t.type,
  html`<select id="fb-type" name="type" required>${SubmissionType.options.map(
    (type) => html`<option value="${type}"${selected('type', type)}>${t.types[type]}</option>`,
  )}</select>`,
)}
${field(
  'fieldId',
  t.field,
  html`<select id="fb-fieldId" name="fieldId" required>${choices.fields.map(
    (f) => html`<option value="${f.id}"${selected('fieldId', f.id)}>${f.name}</option>`,
  )}</select>`,
)}
${field(
  'concernedAgencyId',
  t.concerned,
  html`<select id="fb-concernedAgencyId" name="concernedAgencyId"><option value="">${t.concernedNone}</option>${choices.bodies.map(
    (b) => html`<option value="${b.id}"${selected('concernedAgencyId', b.id)}>${b.name}</option>`,
  )}</select>`,
)}
${text('title', t.titleLabel, 'text', html`required maxlength="300"`)}
${field('content', t.content, html`<textarea id="fb-content" name="content" required maxlength="10000">${form.content ?? ''}</textarea>`)}
</fieldset>
<fieldset>
<legend>${t.contact}</legend>
${text('name', t.name, 'text', html`required maxlength="200" autocomplete="name"`)}
${text('email', t.email, 'email', html`maxlength="254" autocomplete="email"`)}
${text('phone', t.phone, 'tel', html`maxlength="20" autocomplete="tel"`)}
<p class="muted">${t.contactHint}</p>
${text('organisation', t.organisation, 'text', html`maxlength="300" autocomplete="organization"`)}
</fieldset>
<fieldset>
<legend>${t.publication}</legend>
<label class="check"><input type="checkbox" name="consent"${checked('consent')}> ${t.consent}</label>
<label class="check"><input type="checkbox" name="includeName"${checked('includeName')}> ${t.includeName}</label>
</fieldset>
<div class="hp" aria-hidden="true"><label>${t.honeypot}<input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${t.submit}</button>
</form>`;
}

/** What the lookup page says on top of the submission: just sent, just rated, or why a rating was refused. */
type TrackNotice = 'new' | 'rated' | 'invalid' | 'already' | 'notYet' | null;

/** The rating, once given; else, when the answer is there, the plain form to give it. */
function ratingView(s: Speech, row: FeedbackRow): Html | string {
  const t = s.m.feedback.rate;
  if (row.rating !== null) {
    return html`<p data-rating="${row.rating}">${fill(t.yours, { value: row.rating, words: t.scale[row.rating - 1]! })}</p>`;
  }
  if (!canRate(row)) return '';
  return html`<section><h2>${t.title}</h2>
<form class="feedback" method="post" action="${s.href(publicPaths.feedbackRate)}">
<input type="hidden" name="ma" value="${row.tracking_code}">
<fieldset>
<legend>${t.question}</legend>
${[5, 4, 3, 2, 1].map(
  (value) =>
    html`<label class="check"><input type="radio" name="rating" value="${value}" required> ${value} — ${t.scale[value - 1]!}</label>`,
)}
</fieldset>
<div class="field"><label for="fb-rating-comment">${t.comment}</label><textarea id="fb-rating-comment" name="comment" maxlength="2000"></textarea></div>
<button type="submit">${t.submit}</button>
</form></section>`;
}

function trackView(
  s: Speech,
  code: string,
  found: { row: FeedbackRow; history: FeedbackHistoryRow[] } | null,
  notice: TrackNotice,
) {
  const t = s.m.feedback;
  const lookup = html`<form class="search" method="get" action="${publicPaths.feedbackTrack}">
<label class="muted" for="ma">${t.trackLabel}</label>
<input id="ma" name="ma" value="${code}" maxlength="32" autocapitalize="characters" autocomplete="off">
${s.lang === 'vi' ? '' : html`<input type="hidden" name="lang" value="${s.lang}">`}
<button type="submit">${t.trackSubmit}</button>
</form>`;
  if (!found) {
    return html`<h1>${t.trackTitle}</h1>${lookup}${code ? html`<p role="alert">${t.notFound}</p>` : ''}`;
  }
  const { row, history } = found;
  const bodyName = (name: string | null) => name ?? '';
  return html`<h1>${t.trackTitle}</h1>
${notice === 'new' ? html`<div class="notice" role="status"><p>${t.received}</p><p>${t.keepCode}</p><p class="code" data-tracking-code>${row.tracking_code}</p></div>` : ''}
${lookup}
<h2>${row.title}</h2>
<div class="meta">
<span>${t.trackLabel}: <strong>${row.tracking_code}</strong></span>
<span>${t.status}: <strong data-status="${row.status}">${t.statuses[row.status]}</strong></span>
<span>${t.submittedOn}: ${s.day(row.created_at)}</span>
${row.assigned_agency_name ? html`<span>${t.handledBy}: ${row.assigned_agency_name}</span>` : ''}
${row.status !== 'answered' && row.answer_due_on ? html`<span>${t.answerDue}: ${s.day(row.answer_due_on)}</span>` : ''}
</div>
<h2>${t.history}</h2>
<ol>${history.map((h) => html`<li>${s.day(h.at)} — ${fill(t.actions[h.action], { body: bodyName(h.agency_name) })}</li>`)}</ol>
${
  row.answer !== null && row.answered_on !== null
    ? html`<section class="result"><h2>${fill(t.answer, { body: bodyName(row.assigned_agency_name), day: s.day(row.answered_on) })}</h2>
<p class="answer">${row.answer}</p></section>`
    : html`<p class="muted">${t.noAnswer}</p>`
}
${notice === 'rated' ? html`<div class="notice" role="status"><p>${t.rate.thanks}</p></div>` : ''}
${notice && notice !== 'new' && notice !== 'rated' ? html`<div class="problems" role="alert"><p>${t.rate[notice]}</p></div>` : ''}
${ratingView(s, row)}
<p><a href="${s.href(publicPaths.feedback)}">${t.newOne}</a></p>`;
}

export const feedbackPagesRoutes: FastifyPluginAsyncZod = async (app) => {
  // A plain HTML form posts url-encoded; this parser serves only this plugin's routes.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const choices = async (db: Parameters<typeof listFields>[0]): Promise<FormChoices> => ({
    fields: await listFields(db),
    bodies: await listTopBodies(db),
  });
  const page = (s: Speech, path: string, title: string, body: Html) => layout(s, { title, path }, body);

  app.get(publicPaths.feedback, { schema: { hide: true, querystring: PageQuery } }, async (req, reply) => {
    const s = speech(req.query.lang);
    const form = { type: 'feedback', consent: '' };
    return send(
      reply,
      page(s, publicPaths.feedback, s.m.feedback.title, feedbackForm(s, await choices(req.db), form, [])),
    );
  });

  app.post(
    publicPaths.feedback,
    { config: { openToVisitors: true }, schema: { hide: true, querystring: PageQuery, body: FormBody } },
    async (req, reply) => {
      const s = speech(req.query.lang);
      const t = s.m.feedback;
      const form = req.body;
      const again = async (problems: string[], status: number) =>
        send(
          reply,
          page(s, publicPaths.feedback, t.title, feedbackForm(s, await choices(req.db), form, problems)),
          status,
        );
      const parsed = SubmitFeedbackBody.safeParse(toSubmission(form));
      if (!parsed.success) {
        const problems = new Set(
          parsed.error.issues.map((issue) => {
            const key = issue.path.join('.') as keyof typeof t.problems;
            return t.problems[key] ?? t.problems.other;
          }),
        );
        return again([...problems], 400);
      }
      try {
        const { trackingCode } = await submitFeedback(req.db, req.actor, { ...parsed.data, ip: req.ip });
        return reply.redirect(s.href(publicPaths.feedbackTrack, { ma: trackingCode, moi: '1' }), 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'FEEDBACK_IS_COMPLAINT') {
          const body = html`<h1>${t.complaintTitle}</h1>
<div class="notice" role="alert"><p>${fill(t.complaintText, { law: String(error.params.law) })}</p></div>
<p><a href="${s.href(publicPaths.feedback)}">${t.complaintBack}</a></p>`;
          return send(reply, page(s, publicPaths.feedback, t.complaintTitle, body), 422);
        }
        if (error.code === 'FEEDBACK_TOO_MANY') {
          const minutes = Math.ceil(Number(error.params.retryAfterSeconds) / 60);
          const body = html`<h1>${t.tooManyTitle}</h1><p>${fill(t.tooManyText, { minutes })}</p>`;
          return send(reply, page(s, publicPaths.feedback, t.tooManyTitle, body), 429);
        }
        if (error.code === 'FEEDBACK_UNKNOWN_FIELD') return again([t.problems.fieldId], 400);
        if (error.code === 'FEEDBACK_UNKNOWN_AGENCY') return again([t.problems.concernedAgencyId], 400);
        throw error;
      }
    },
  );

  app.get(publicPaths.feedbackTrack, { schema: { hide: true, querystring: TrackQuery } }, async (req, reply) => {
    const s = speech(req.query.lang);
    const code = req.query.ma;
    let found: Awaited<ReturnType<typeof trackFeedback>> | null = null;
    if (code) {
      try {
        found = await trackFeedback(req.db, code);
      } catch (error) {
        if (!(error instanceof AppError && error.status === 404)) throw error;
      }
    }
    const status = code && !found ? 404 : 200;
    const notice = req.query.moi === '1' ? 'new' : req.query['cam-on'] === '1' ? 'rated' : null;
    return send(
      reply,
      page(s, publicPaths.feedbackTrack, s.m.feedback.trackTitle, trackView(s, code, found, notice)),
      status,
    );
  });

  // The rating form posts here; success leads back to the lookup page, a refusal shows it with the reason.
  app.post(
    publicPaths.feedbackRate,
    { config: { openToVisitors: true }, schema: { hide: true, querystring: PageQuery, body: FormBody } },
    async (req, reply) => {
      const s = speech(req.query.lang);
      const code = (req.body.ma ?? '').trim().slice(0, 32);
      const again = async (notice: TrackNotice, status: number) => {
        const found = await trackFeedback(req.db, code);
        const body = trackView(s, code, found, notice);
        return send(reply, page(s, publicPaths.feedbackTrack, s.m.feedback.trackTitle, body), status);
      };
      const rating = req.body.rating;
      const parsed = RateAnswerBody.safeParse({
        rating: rating && /^\d$/.test(rating) ? Number(rating) : rating,
        comment: req.body.comment,
      });
      try {
        if (!parsed.success) return await again('invalid', 400);
        const { row } = await rateAnswer(req.db, req.actor, code, parsed.data);
        return reply.redirect(s.href(publicPaths.feedbackTrack, { ma: row.tracking_code, 'cam-on': '1' }), 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'FEEDBACK_ALREADY_RATED') return again('already', 409);
        if (error.code === 'FEEDBACK_NOT_ANSWERED') return again('notYet', 409);
        if (error.status === 404) {
          const body = trackView(s, code, null, null);
          return send(reply, page(s, publicPaths.feedbackTrack, s.m.feedback.trackTitle, body), 404);
        }
        throw error;
      }
    },
  );
};
