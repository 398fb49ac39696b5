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

export function speech(lang: PublicLanguage): Speech {
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
