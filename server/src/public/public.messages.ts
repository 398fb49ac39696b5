// The public site's words: one dictionary per language, Vietnamese first. Pages read them from here and
// never write text of their own; `{name}` marks a value filled in by fill().
import type { Timeliness } from '@giamsat/shared';
import { formatDay, vietnamDate } from '@giamsat/shared/dates';
import { z } from 'zod';

export const PublicLanguage = z.enum(['vi', 'en']);
export type PublicLanguage = z.infer<typeof PublicLanguage>;

const vi = {
  site: {
    name: 'Ba công khai',
    tagline: 'Công khai tiến độ, công khai trách nhiệm, công khai kết quả thực hiện nhiệm vụ',
    home: 'Trang chủ',
    search: 'Tìm kiếm',
    openData: 'Dữ liệu mở',
    signIn: 'Đăng nhập (cán bộ)',
    otherLanguage: 'English',
    asOf: 'Số liệu ngày {day}',
    footer: 'Số liệu từ các văn bản chỉ đạo đã ban hành; trạng thái nhiệm vụ tính theo hạn hoàn thành.',
    notFoundTitle: 'Không tìm thấy',
    notFoundText: 'Trang này không có, hoặc chưa được công khai.',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    chainHead: 'Mã băm niêm phong nhật ký thay đổi, đến sự kiện số {n}:',
    chainHeadCheck: 'đối chiếu',
  },
  states: {
    not_started: 'Chưa triển khai',
    in_progress_on_time: 'Đang thực hiện trong hạn',
    in_progress_overdue: 'Đang thực hiện quá hạn',
    done_on_time: 'Hoàn thành đúng hạn',
    done_late: 'Hoàn thành quá hạn',
    continuous_with_results: 'Thường xuyên, đã có kết quả',
    continuous_without_results: 'Thường xuyên, chưa có kết quả',
  } satisfies Record<Timeliness, string>,
  deadline: {
    continuous: 'Thường xuyên',
    event: 'Theo sự kiện',
    none: 'Chưa xác định',
    recurring: 'Định kỳ',
  },
  figures: {
    total: 'Tổng số nhiệm vụ',
    byState: 'Nhiệm vụ theo trạng thái',
    onTimeCompletion: 'Tỷ lệ hoàn thành đúng hạn',
    onTimeCompletionOf: '{done}/{total} nhiệm vụ có hạn',
    completion: 'Tỷ lệ hoàn thành',
    overdue: 'Quá hạn',
    overdueByAge: 'Nhiệm vụ quá hạn, theo số ngày quá hạn',
    band: '{from}–{to} ngày',
    bandOpen: 'Trên {from} ngày',
    completedRecently: 'Hoàn thành trong 30 ngày qua',
    noneCompletedRecently: 'Chưa có nhiệm vụ hoàn thành trong 30 ngày qua.',
    provinces: 'Tỉnh, thành phố',
    ministries: 'Bộ, ngành trung ương',
    body: 'Cơ quan',
    columnTasks: 'Nhiệm vụ',
    columnOnTime: 'Đúng hạn',
    noData: 'Chưa có số liệu.',
  },
  task: {
    title: 'Nhiệm vụ',
    ref: 'Mục',
    text: 'Nội dung',
    lead: 'Chủ trì',
    coordinating: 'Phối hợp',
    deadline: 'Hạn hoàn thành',
    state: 'Trạng thái',
    result: 'Kết quả được nghiệm thu',
    progress: 'Tiến độ',
    completedOn: 'Ngày hoàn thành',
    daysOverdue: 'Quá hạn {n} ngày',
    directive: 'Văn bản chỉ đạo',
    parent: 'Thực hiện nhiệm vụ cấp trên',
    children: 'Nhiệm vụ cấp dưới triển khai',
    timeline: 'Các báo cáo tiến độ đã được chấp nhận',
    noReports: 'Chưa có báo cáo được chấp nhận.',
    reportBy: '{body} báo cáo: {percent}%',
    difficulties: 'Khó khăn, vướng mắc',
    recommendations: 'Kiến nghị',
    evidence: 'Minh chứng công khai',
    download: 'Tải về',
    link: 'Liên kết',
  },
  directive: {
    issuedOn: 'Ngày ban hành',
    issuer: 'Cơ quan ban hành',
    tasks: 'Các nhiệm vụ',
    lowerPlans: 'Kế hoạch cấp dưới triển khai văn bản này',
    implements: 'Triển khai văn bản',
    noTasks: 'Văn bản chưa có nhiệm vụ.',
  },
  body: {
    asLead: 'Nhiệm vụ chủ trì',
    asCoordinator: 'Nhiệm vụ phối hợp',
    ledFigures: 'Số liệu các nhiệm vụ chủ trì (kể cả đơn vị trực thuộc)',
    overdueTasks: 'Công khai trách nhiệm: nhiệm vụ quá hạn',
    noOverdue: 'Không có nhiệm vụ quá hạn.',
    completedTasks: 'Công khai kết quả: nhiệm vụ đã hoàn thành',
    noCompleted: 'Chưa có nhiệm vụ hoàn thành.',
    more: 'và {n} nhiệm vụ khác',
    responses: 'Trả lời phản ánh, kiến nghị (kể cả đơn vị trực thuộc)',
    answered: 'Đã trả lời',
    answeredOnTime: 'Trả lời đúng hạn',
    answeredOnTimeOf: '{done}/{total} câu trả lời',
    averageRating: 'Mức hài lòng trung bình',
    ratings: '{n} lượt đánh giá',
    noRatings: 'chưa có đánh giá',
    noResponses: 'Chưa có phản ánh, kiến nghị nào được trả lời.',
  },
  feedback: {
    nav: 'Góp ý, kiến nghị',
    title: 'Gửi phản ánh, kiến nghị',
    intro:
      'Người dân, doanh nghiệp gửi phản ánh, kiến nghị về chuyển đổi số, đổi mới sáng tạo, khoa học và công nghệ. Không cần tài khoản. Sau khi gửi, bạn nhận một mã để tra cứu tình trạng xử lý và câu trả lời.',
    type: 'Loại',
    types: {
      feedback: 'Phản ánh',
      recommendation: 'Kiến nghị',
      complaint: 'Khiếu nại',
      denunciation: 'Tố cáo',
    },
    field: 'Lĩnh vực',
    concerned: 'Cơ quan liên quan (nếu biết)',
    concernedNone: '— Không rõ —',
    titleLabel: 'Tiêu đề',
    content: 'Nội dung',
    contact: 'Thông tin liên hệ (không công khai)',
    name: 'Họ và tên',
    email: 'Thư điện tử',
    phone: 'Số điện thoại',
    contactHint: 'Cần thư điện tử hoặc số điện thoại để cơ quan trả lời.',
    organisation: 'Tổ chức, doanh nghiệp (nếu có)',
    publication: 'Công khai',
    consent: 'Tôi đồng ý công khai nội dung phản ánh, kiến nghị cùng câu trả lời',
    includeName: 'Được công khai cả họ tên của tôi',
    honeypot: 'Để trống ô này',
    submit: 'Gửi',
    invalid: 'Chưa gửi được, xin kiểm tra lại:',
    problems: {
      type: 'Chọn loại.',
      fieldId: 'Chọn lĩnh vực.',
      concernedAgencyId: 'Cơ quan không có trong danh sách.',
      title: 'Tiêu đề cần từ 1 đến 300 ký tự.',
      content: 'Nội dung cần từ 1 đến 10.000 ký tự.',
      'contact.name': 'Cần họ và tên (tối đa 200 ký tự).',
      'contact.email': 'Thư điện tử chưa đúng, hoặc cần thư điện tử hay số điện thoại.',
      'contact.phone': 'Số điện thoại chưa đúng.',
      'contact.organisation': 'Tên tổ chức tối đa 300 ký tự.',
      'publication.includeName': 'Chỉ công khai họ tên khi đồng ý công khai nội dung.',
      other: 'Có thông tin chưa hợp lệ.',
    },
    complaintTitle: 'Nội dung này là khiếu nại hoặc tố cáo',
    complaintText:
      'Hệ thống này tiếp nhận phản ánh, kiến nghị; không giải quyết khiếu nại, tố cáo. Khiếu nại, tố cáo được giải quyết theo {law}: xin gửi đơn hoặc đến trực tiếp Ban Tiếp công dân (trụ sở tiếp công dân) của cơ quan có thẩm quyền. Nội dung bạn nhập chưa được lưu.',
    complaintBack: 'Quay lại sửa nội dung',
    tooManyTitle: 'Gửi quá nhiều lần',
    tooManyText: 'Xin thử lại sau {minutes} phút.',
    received: 'Đã tiếp nhận phản ánh, kiến nghị của bạn.',
    keepCode: 'Mã tra cứu của bạn — xin ghi lại:',
    trackTitle: 'Tra cứu phản ánh, kiến nghị',
    trackLabel: 'Mã tra cứu',
    trackSubmit: 'Tra cứu',
    notFound: 'Không tìm thấy mã tra cứu này.',
    status: 'Tình trạng',
    statuses: { received: 'Đã tiếp nhận, chờ phân loại', assigned: 'Đang xử lý', answered: 'Đã trả lời' },
    submittedOn: 'Ngày gửi',
    handledBy: 'Cơ quan xử lý',
    answerDue: 'Hạn trả lời',
    history: 'Quá trình xử lý',
    actions: {
      received: 'Tiếp nhận',
      assigned: 'Chuyển cơ quan có thẩm quyền: {body}',
      transferred: 'Chuyển đến: {body}',
      answered: 'Trả lời: {body}',
      rated: 'Người gửi đánh giá câu trả lời',
    },
    answer: 'Câu trả lời của {body} ngày {day}',
    noAnswer: 'Chưa có câu trả lời.',
    rate: {
      title: 'Đánh giá câu trả lời',
      question: 'Bạn hài lòng với câu trả lời ở mức nào? Mỗi phản ánh, kiến nghị được đánh giá một lần.',
      scale: ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'],
      comment: 'Nhận xét (không bắt buộc, không công khai)',
      submit: 'Gửi đánh giá',
      thanks: 'Cảm ơn bạn đã đánh giá câu trả lời.',
      yours: 'Đánh giá của bạn: {value}/5 ({words})',
      invalid: 'Chọn một mức từ 1 đến 5; nhận xét tối đa 2.000 ký tự.',
      already: 'Câu trả lời này đã được đánh giá.',
      notYet: 'Chỉ đánh giá được khi đã có câu trả lời.',
    },
    newOne: 'Gửi phản ánh, kiến nghị khác',
  },
  embed: {
    title: 'Nhúng thẻ số liệu của cơ quan',
    hint: 'Cổng thông tin dán một dòng mã này vào trang của mình để hiện thẻ số liệu của cơ quan, luôn cập nhật.',
    code: 'Mã nhúng (iframe)',
    copy: 'Sao chép mã',
    copied: 'Đã sao chép.',
    cardTitle: 'Số liệu của {body}',
    more: 'Xem chi tiết trên trang công khai',
  },
  search: {
    title: 'Tìm văn bản, nhiệm vụ',
    label: 'Từ khóa (có thể gõ không dấu)',
    submit: 'Tìm',
    directives: 'Văn bản chỉ đạo',
    tasks: 'Nhiệm vụ',
    noResults: 'Không tìm thấy kết quả.',
    found: '{n} kết quả',
  },
};

export type PublicMessages = typeof vi;

const en: PublicMessages = {
  site: {
    name: 'Three publics',
    tagline: 'Public progress, public responsibility and public results of assigned tasks',
    home: 'Home',
    search: 'Search',
    openData: 'Open data',
    signIn: 'Sign in (officials)',
    otherLanguage: 'Tiếng Việt',
    asOf: 'Figures as of {day}',
    footer: 'Figures from published directives; task states are judged against their deadlines.',
    notFoundTitle: 'Not found',
    notFoundText: 'This page does not exist or has not been made public.',
    skipToContent: 'Skip to the main content',
    chainHead: 'Hash sealing the change log, up to event no. {n}:',
    chainHeadCheck: 'check',
  },
  states: {
    not_started: 'Not started',
    in_progress_on_time: 'In progress, on time',
    in_progress_overdue: 'In progress, overdue',
    done_on_time: 'Done on time',
    done_late: 'Done late',
    continuous_with_results: 'Continuous, with results',
    continuous_without_results: 'Continuous, no results yet',
  },
  deadline: {
    continuous: 'Continuous',
    event: 'On an event',
    none: 'Not set',
    recurring: 'Recurring',
  },
  figures: {
    total: 'Tasks in total',
    byState: 'Tasks by state',
    onTimeCompletion: 'On-time completion rate',
    onTimeCompletionOf: '{done}/{total} tasks with a deadline',
    completion: 'Completion rate',
    overdue: 'Overdue',
    overdueByAge: 'Overdue tasks, by days overdue',
    band: '{from}–{to} days',
    bandOpen: 'Over {from} days',
    completedRecently: 'Completed in the last 30 days',
    noneCompletedRecently: 'No task was completed in the last 30 days.',
    provinces: 'Provinces and cities',
    ministries: 'Central ministries and bodies',
    body: 'Body',
    columnTasks: 'Tasks',
    columnOnTime: 'On time',
    noData: 'No figures yet.',
  },
  task: {
    title: 'Task',
    ref: 'Item',
    text: 'Task',
    lead: 'Lead',
    coordinating: 'Coordinating',
    deadline: 'Deadline',
    state: 'State',
    result: 'Accepted result',
    progress: 'Progress',
    completedOn: 'Completed on',
    daysOverdue: '{n} days overdue',
    directive: 'Directive',
    parent: 'Implements the higher task',
    children: 'Lower tasks implementing it',
    timeline: 'Accepted progress reports',
    noReports: 'No accepted report yet.',
    reportBy: '{body} reported: {percent}%',
    difficulties: 'Difficulties',
    recommendations: 'Recommendations',
    evidence: 'Public evidence',
    download: 'Download',
    link: 'Link',
  },
  directive: {
    issuedOn: 'Issued on',
    issuer: 'Issued by',
    tasks: 'Tasks',
    lowerPlans: 'Lower plans implementing this directive',
    implements: 'Implements',
    noTasks: 'This directive has no tasks yet.',
  },
  body: {
    asLead: 'Tasks it leads',
    asCoordinator: 'Tasks it coordinates on',
    ledFigures: 'Figures of the tasks it leads (with its subordinate bodies)',
    overdueTasks: 'Public responsibility: overdue tasks',
    noOverdue: 'No overdue task.',
    completedTasks: 'Public results: completed tasks',
    noCompleted: 'No completed task yet.',
    more: 'and {n} more tasks',
    responses: 'Answers to feedback and recommendations (with its subordinate bodies)',
    answered: 'Answered',
    answeredOnTime: 'Answered on time',
    answeredOnTimeOf: '{done}/{total} answers',
    averageRating: 'Average satisfaction',
    ratings: '{n} ratings',
    noRatings: 'no ratings yet',
    noResponses: 'No feedback or recommendation answered yet.',
  },
  feedback: {
    nav: 'Feedback',
    title: 'Send feedback or a recommendation',
    intro:
      'Citizens and businesses send feedback and recommendations on science, technology, innovation and digital transformation. No account is needed. You get a code to follow its handling and read the answer.',
    type: 'Type',
    types: {
      feedback: 'Feedback',
      recommendation: 'Recommendation',
      complaint: 'Complaint',
      denunciation: 'Denunciation',
    },
    field: 'Field',
    concerned: 'Body concerned (if you know)',
    concernedNone: '— Not sure —',
    titleLabel: 'Title',
    content: 'Content',
    contact: 'Contact (not published)',
    name: 'Full name',
    email: 'E-mail',
    phone: 'Phone',
    contactHint: 'An e-mail address or a phone number is needed for the answer.',
    organisation: 'Organisation or business (if any)',
    publication: 'Publication',
    consent: 'I agree that my feedback may be published with its answer',
    includeName: 'My name may be published too',
    honeypot: 'Leave this empty',
    submit: 'Send',
    invalid: 'Not sent yet; please check:',
    problems: {
      type: 'Choose a type.',
      fieldId: 'Choose a field.',
      concernedAgencyId: 'That body is not in the list.',
      title: 'The title needs 1 to 300 characters.',
      content: 'The content needs 1 to 10,000 characters.',
      'contact.name': 'Your name is needed (at most 200 characters).',
      'contact.email': 'The e-mail is not valid, or an e-mail or a phone number is needed.',
      'contact.phone': 'The phone number is not valid.',
      'contact.organisation': 'The organisation has at most 300 characters.',
      'publication.includeName': 'Your name is published only with the feedback.',
      other: 'Something is not valid.',
    },
    complaintTitle: 'This is a complaint or a denunciation',
    complaintText:
      'This system receives feedback and recommendations; it does not settle complaints or denunciations. Those are settled under the {law}: please send them to, or visit, the citizen reception office of the competent authority. What you typed has not been stored.',
    complaintBack: 'Go back and edit',
    tooManyTitle: 'Too many submissions',
    tooManyText: 'Please try again in {minutes} minutes.',
    received: 'Your feedback has been received.',
    keepCode: 'Your tracking code — please keep it:',
    trackTitle: 'Look up your feedback',
    trackLabel: 'Tracking code',
    trackSubmit: 'Look up',
    notFound: 'No feedback has this code.',
    status: 'Status',
    statuses: { received: 'Received, awaiting routing', assigned: 'Being handled', answered: 'Answered' },
    submittedOn: 'Sent on',
    handledBy: 'Handled by',
    answerDue: 'Answer due',
    history: 'Handling so far',
    actions: {
      received: 'Received',
      assigned: 'Assigned to the competent body: {body}',
      transferred: 'Transferred to: {body}',
      answered: 'Answered by: {body}',
      rated: 'The sender rated the answer',
    },
    answer: 'Answer of {body} on {day}',
    noAnswer: 'No answer yet.',
    rate: {
      title: 'Rate the answer',
      question: 'How satisfied are you with the answer? Each submission is rated once.',
      scale: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
      comment: 'Comment (optional, not published)',
      submit: 'Send rating',
      thanks: 'Thank you for rating the answer.',
      yours: 'Your rating: {value}/5 ({words})',
      invalid: 'Choose a level from 1 to 5; a comment has at most 2,000 characters.',
      already: 'This answer has already been rated.',
      notYet: 'An answer can be rated once it is given.',
    },
    newOne: 'Send other feedback',
  },
  embed: {
    title: 'Embed this body’s card',
    hint: 'A portal shows this body’s figures, always up to date, by pasting this one line into its page.',
    code: 'Embed code (iframe)',
    copy: 'Copy the code',
    copied: 'Copied.',
    cardTitle: 'Figures of {body}',
    more: 'Details on the public site',
  },
  search: {
    title: 'Search directives and tasks',
    label: 'Words (diacritics optional)',
    submit: 'Search',
    directives: 'Directives',
    tasks: 'Tasks',
    noResults: 'Nothing found.',
    found: '{n} results',
  },
};

const DICTIONARIES: Record<PublicLanguage, PublicMessages> = { vi, en };

/** What a page needs to speak the visitor's language: the words, number and day formats, and links. */
export interface Speech {
  lang: PublicLanguage;
  m: PublicMessages;
  /** 'yyyy-mm-dd', or an instant (its day in Vietnam) → dd/mm/yyyy. */
  day(value: string | Date | null): string;
  number(n: number): string;
  /** A rate (0..1, null when nothing to divide by) as a percentage, "—" when null. */
  percent(rate: number | null): string;
  /** A public address in the visitor's language. */
  href(path: string, query?: Record<string, string>): string;
}

const speeches = new Map<PublicLanguage, Speech>();

/** A language's speech, made once per process (its number formats are costly to make on every request). */
export function speech(lang: PublicLanguage): Speech {
  let made = speeches.get(lang);
  if (!made) {
    made = makeSpeech(lang);
    speeches.set(lang, made);
  }
  return made;
}

function makeSpeech(lang: PublicLanguage): Speech {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    lang,
    m: DICTIONARIES[lang],
    day: (value) => {
      if (value === null) return '';
      return formatDay(typeof value === 'string' ? value : vietnamDate(value));
    },
    number: (n) => numbers.format(n),
    percent: (rate) => (rate === null ? '—' : percents.format(rate)),
    href: (path, query = {}) => {
      const params = new URLSearchParams(query);
      if (lang !== 'vi') params.set('lang', lang);
      const search = params.toString();
      return search ? `${path}?${search}` : path;
    },
  };
}

/** A message with its `{name}` places filled. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
