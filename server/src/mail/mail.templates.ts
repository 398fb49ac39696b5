import { formatDay, VIETNAM_TIME_ZONE, vietnamDate } from '@giamsat/shared/dates';
import { html } from '../public/public.html.ts';

// The words of every e-mail, in Vietnamese first and English for a recipient who chose it. A template
// turns the data stored with the mail into a subject and paragraphs; the plain text and the HTML (every
// value escaped) are both made from those, so the two never say different things.

export type MailLanguage = 'vi' | 'en';

/** What a template writes: a subject, the paragraphs, and a link to open in the app. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  link?: { label: string; path: string };
  /** Why the recipient gets it, when it is not their account's notifications (someone without an account). */
  reason?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Data = Record<string, unknown>;
type Template = (data: Data, language: MailLanguage) => MailContent;

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const day = (value: unknown): string => (typeof value === 'string' && value ? formatDay(value) : '');
const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
/** An instant as 'HH:mm dd/mm/yyyy' in Vietnam's time. */
const instant = (value: string): string => {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? '' : `${VIETNAM_TIME.format(at)} ${formatDay(vietnamDate(at))}`;
};
const pick = (language: MailLanguage, vi: string, en: string): string => (language === 'en' ? en : vi);

/** "Nhiệm vụ 2.a (12/CT-TTg)": the task's reference and its directive's number, as the bell names it. */
function taskName(data: Data, language: MailLanguage): string {
  const number = str(data.number);
  return `${pick(language, 'nhiệm vụ', 'task')} ${str(data.taskRef)}${number ? ` (${number})` : ''}`;
}

/** One sentence per kind of notification (the bell's kinds, notification.schemas.ts). */
function notificationHeadline(data: Data, language: MailLanguage): string {
  const task = taskName(data, language);
  const role =
    data.role === 'coordinating' ? pick(language, 'phối hợp', 'coordinating') : pick(language, 'chủ trì', 'lead');
  switch (data.kind) {
    case 'directive_published':
      return pick(
        language,
        `Văn bản ${str(data.number)} giao nhiệm vụ cho ${str(data.bodyName)}`,
        `Directive ${str(data.number)} assigns tasks to ${str(data.bodyName)}`,
      );
    case 'report_returned':
      return pick(language, `Báo cáo ${task} bị trả lại`, `Your report on ${task} was returned`);
    case 'report_accepted':
      return pick(language, `Báo cáo ${task} đã được chấp nhận`, `Your report on ${task} was accepted`);
    case 'extension_granted':
      return pick(
        language,
        `Đề nghị gia hạn ${task} được chấp thuận: hạn mới ${day(data.dueDate)}`,
        `Extension granted on ${task}: new deadline ${day(data.dueDate)}`,
      );
    case 'extension_refused':
      return pick(language, `Đề nghị gia hạn ${task} không được chấp thuận`, `Extension refused on ${task}`);
    case 'task_assigned':
      return pick(
        language,
        `${capitalise(task)} nay giao cho ${str(data.bodyName)} (${role})`,
        `${capitalise(task)} is now assigned to ${str(data.bodyName)} (${role})`,
      );
    case 'plan_published':
      return pick(
        language,
        `${str(data.planBody)} ban hành kế hoạch ${str(data.planNumber)}: ${str(data.taskCount)} nhiệm vụ triển khai ${task}`,
        `${str(data.planBody)} published plan ${str(data.planNumber)}: ${str(data.taskCount)} tasks implement ${task}`,
      );
    case 'task_due_reminder':
      return pick(
        language,
        `Nhắc hạn: ${task} đến hạn ngày ${day(data.dueDate)} (còn ${str(data.daysLeft)} ngày)`,
        `Reminder: ${task} is due on ${day(data.dueDate)} (${str(data.daysLeft)} days left)`,
      );
    case 'task_overdue':
      return pick(
        language,
        `Quá hạn: ${task} của ${str(data.leadBody)} đã quá hạn ${str(data.daysOverdue)} ngày (hạn ${day(data.dueDate)})`,
        `Overdue: ${task} of ${str(data.leadBody)} is ${str(data.daysOverdue)} days overdue (due ${day(data.dueDate)})`,
      );
    case 'task_stale':
      return pick(
        language,
        `Chậm báo cáo: ${task} chưa có báo cáo được chấp nhận từ ngày ${day(data.quietSince)} (${str(data.daysQuiet)} ngày)`,
        `No report: ${task} has had no accepted report since ${day(data.quietSince)} (${str(data.daysQuiet)} days)`,
      );
    case 'report_awaiting_review':
      return pick(
        language,
        `Chờ duyệt: báo cáo ${task} của ${str(data.reportBody)} gửi ngày ${day(data.submittedOn)} đã chờ ${str(data.daysWaiting)} ngày`,
        `Awaiting review: the report on ${task} from ${str(data.reportBody)} sent on ${day(data.submittedOn)} has waited ${str(data.daysWaiting)} days`,
      );
    default:
      return pick(language, `Thông báo về ${task}`, `Notification about ${task}`);
  }
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const notification: Template = (data, language) => {
  const headline = notificationHeadline(data, language);
  const paragraphs = [
    pick(language, `Kính gửi ${str(data.recipientName)},`, `Dear ${str(data.recipientName)},`),
    `${headline}.`,
  ];
  const about = str(data.taskText) || str(data.title);
  if (about) paragraphs.push(`«${about}»`);
  if (data.comment) paragraphs.push(pick(language, `Ý kiến: ${str(data.comment)}`, `Comment: ${str(data.comment)}`));
  const path = data.taskId
    ? `/tasks/${str(data.taskId)}`
    : data.directiveId
      ? `/directives/${str(data.directiveId)}`
      : '/';
  return {
    subject: `[giamsat] ${headline}`,
    paragraphs,
    link: { label: pick(language, 'Mở trên giamsat', 'Open in giamsat'), path },
  };
};

/** The receipt of a citizen's feedback (issue 13): its tracking code and where to follow it. */
const feedbackReceipt: Template = (data, language) => {
  const code = str(data.trackingCode);
  return {
    subject: pick(
      language,
      `[giamsat] Đã tiếp nhận phản ánh, kiến nghị — mã ${code}`,
      `[giamsat] Feedback received — code ${code}`,
    ),
    paragraphs: [
      pick(language, 'Đã tiếp nhận phản ánh, kiến nghị của bạn:', 'Your feedback has been received:'),
      `«${str(data.title)}»`,
      pick(language, `Mã tra cứu: ${code}`, `Tracking code: ${code}`),
    ],
    link: {
      label: pick(language, 'Tra cứu tình trạng xử lý', 'Follow its handling'),
      path: `/gop-y/tra-cuu?ma=${encodeURIComponent(code)}`,
    },
    reason: pick(
      language,
      'Bạn nhận thư này vì địa chỉ thư này được ghi khi gửi phản ánh, kiến nghị trên giamsat.',
      'You receive this because this address was given with feedback sent on giamsat.',
    ),
  };
};

/**
 * A link to set one's password (accounts/invitation.service.ts): a new account's invitation, or a reset an
 * administrator asked for. The token travels in the address's fragment, which browsers never send to a
 * server nor in a Referer, so it appears in no log.
 */
const accountLink: Template = (data, language) => {
  const invitation = data.purpose === 'invitation';
  const until = typeof data.expiresAt === 'string' ? instant(data.expiresAt) : '';
  return {
    subject: invitation
      ? pick(language, '[giamsat] Tài khoản của bạn đã được tạo', '[giamsat] Your account has been created')
      : pick(language, '[giamsat] Đặt lại mật khẩu', '[giamsat] Reset your password'),
    paragraphs: [
      pick(language, `Kính gửi ${str(data.fullName)},`, `Dear ${str(data.fullName)},`),
      invitation
        ? pick(
            language,
            `Quản trị viên đã tạo tài khoản giamsat cho bạn. Tên đăng nhập: ${str(data.username)}.`,
            `An administrator created a giamsat account for you. Username: ${str(data.username)}.`,
          )
        : pick(
            language,
            `Quản trị viên đã yêu cầu đặt lại mật khẩu tài khoản ${str(data.username)}.`,
            `An administrator asked for the password of account ${str(data.username)} to be reset.`,
          ),
      pick(
        language,
        `Mở liên kết dưới đây để tự đặt mật khẩu. Liên kết chỉ dùng được một lần, đến ${until}.`,
        `Open the link below to choose your password. It works once, until ${until}.`,
      ),
    ],
    link: {
      label: pick(language, 'Đặt mật khẩu', 'Set your password'),
      path: `/set-password#token=${encodeURIComponent(str(data.token))}`,
    },
    reason: pick(
      language,
      'Bạn nhận thư này vì địa chỉ thư này được ghi cho một tài khoản trên giamsat. Nếu bạn không chờ thư này, hãy bỏ qua nó.',
      'You receive this because this address was given for a giamsat account. If you did not expect it, ignore it.',
    ),
  };
};

/**
 * Fields of a template's data that are secrets (a link's token): removed from the outbox once the mail is
 * sent or given up, so the stored row opens nothing afterwards.
 */
export const MAIL_SECRETS: Record<string, readonly string[]> = { account_link: ['token'] };

/**
 * Every template by name. A concept that mails adds its template here and calls queueMail with its name;
 * the data it stores is what the template reads.
 */
export const MAIL_TEMPLATES: Record<string, Template> = {
  notification,
  feedback_receipt: feedbackReceipt,
  account_link: accountLink,
};

/** The mail as sent: plain text and simple HTML from the same words; links are absolute (`appUrl`). */
export function renderMail(
  template: string,
  data: Data,
  language: MailLanguage,
  options: { appUrl: string },
): RenderedMail {
  const write = MAIL_TEMPLATES[template];
  if (!write) throw new Error(`no mail template '${template}'`);
  const content = write(data, language);
  const link = content.link ? { label: content.link.label, url: `${options.appUrl}${content.link.path}` } : null;
  // An account's mail says where to turn it off; a mail to someone without an account says why it came.
  const settings = content.reason ? '' : `${options.appUrl}/account`;
  const footer =
    content.reason ??
    pick(
      language,
      'Bạn nhận thư này vì tài khoản của bạn trên giamsat nhận thông báo qua thư điện tử. Để thôi nhận, tắt trong trang tài khoản:',
      'You receive this because your giamsat account takes notifications by e-mail. To stop them, turn them off on your account page:',
    );
  const text = [
    ...content.paragraphs,
    ...(link ? [`${link.label}: ${link.url}`] : []),
    '--',
    settings ? `${footer} ${settings}` : footer,
  ].join('\n\n');
  const body = html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${content.subject}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 14px; color: #222">
${content.paragraphs.map((p) => html`<p>${p}</p>\n`)}${link ? html`<p><a href="${link.url}">${link.label}</a></p>\n` : ''}<hr>
<p style="font-size: 12px; color: #666">${footer}${settings ? html` <a href="${settings}">${settings}</a>` : ''}</p>
</body></html>`;
  return { subject: content.subject, text, html: body.markup };
}
