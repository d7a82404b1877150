import { z } from 'zod';
import type { Locale } from './i18n.js';

/**
 * Field-level messages in problem responses (`errors[].message`) are written in English where they
 * are raised: by zod's checks, by `refine` texts in the schemas, and by services. A caller asking for
 * zh-CN gets them in Chinese: zod's own checks from their issue codes, ours from this table, whose
 * keys are the English texts with `{name}` standing for the parts that vary.
 */
export const zhTemplates: Record<string, string> = {
  // shared and cases
  'must be between 1970 and 9999': '须在 1970 至 9999 年之间',
  'between 1970 and 9999': '须在 1970 至 9999 年之间',
  'between 1970-01-01 and 9999-12-30': '须在 1970-01-01 至 9999-12-30 之间',
  'ISO 4217 code in capitals, e.g. CNY': '须为大写的 ISO 4217 币种代码，例如 CNY',
  'letters, digits, _ . : - only': '只能包含字母、数字和 _ . : -',
  'amount and currency go together': '金额和币种须同时填写',
  'give customer_id or customer, not both': '请填写 customer_id 或 customer，不能同时填写',
  'nothing to change': '没有要修改的内容',
  'change at least one field': '请至少修改一个字段',
  'no active user with this id': '没有此 ID 的在职用户',
  'unknown or malformed cursor': '分页游标无效',
  'must not contain NUL characters': '不能包含 NUL 字符',
  'keys must not contain NUL characters': '键名不能包含 NUL 字符',
  'must be 1–255 characters': '须为 1–255 个字符',
  'required': '必填',
  'empty': '不能为空',
  'empty file': '文件为空',
  'unknown time zone "{zone}"': '未知时区“{zone}”',
  'date as YYYY-MM-DD': '日期格式须为 YYYY-MM-DD',
  'end_date before begin_date, or more than a year': '结束日期早于开始日期，或跨度超过一年',
  'at most {max} characters': '最多 {max} 个字符',
  'at most 40 fields': '最多 40 个字段',
  'a field key': '须为字段键名（小写字母开头，可含数字和 _）',
  'digits with optional +, spaces or dashes': '须为数字，可带 +、空格或短横线',
  'needs email, phone or external_id': '须填写 email、phone 或 external_id 之一',
  'lowercase letters, digits and dashes, 2–63 characters': '须为 2–63 个小写字母、数字或短横线',
  // teams, SLA policies and calendars
  'a category id or a prefix such as {example}': '须为类别编号或前缀，例如 {example}',
  'required for a calendar_day_end clock': '“第 N 天 24:00 前”时钟须填写天数',
  'a calendar_day_end clock counts days, not hours': '“第 N 天 24:00 前”时钟按天计算，不填小时',
  'required for a {kind} clock': '{kind} 时钟须填写小时数',
  'only for calendar_day_end clocks': '仅适用于“第 N 天 24:00 前”时钟',
  'each clock name at most once': '每个时钟只能出现一次',
  'at most 48 repeats: widen repeat_every_minutes or narrow repeat_within_minutes': '最多重复 48 次：请加大重复间隔或缩短重复时段',
  'must be a list of {start, end} intervals': '须为时间段列表 {start, end}',
  'must be an interval {start, end}': '须为时间段 {start, end}',
  'expected local time HH:MM from 00:00 to 23:59': '须为当地时间 HH:MM（00:00–23:59）',
  'expected local time HH:MM from 00:00 to 24:00': '须为当地时间 HH:MM（00:00–24:00）',
  'must be after start (an interval cannot cross midnight; split it)': '须晚于开始时间（时间段不能跨午夜，请拆成两段）',
  'overlaps {other}': '与 {other} 重叠',
  'must be a list of YYYY-MM-DD dates': '须为 YYYY-MM-DD 日期列表',
  'expected a real date as YYYY-MM-DD': '须为真实存在的日期（YYYY-MM-DD）',
  'must be an object': '须为对象',
  'unknown IANA time zone, e.g. Asia/Shanghai': '未知的 IANA 时区，例如 Asia/Shanghai',
  'must map weekdays (mon…sun) to lists of intervals': '须按星期（mon…sun）给出时间段列表',
  'unknown weekday; use mon, tue, wed, thu, fri, sat or sun': '未知的星期；请用 mon、tue、wed、thu、fri、sat 或 sun',
  'no working time in a normal week; business deadlines could never be reached': '平常一周没有任何工作时间，按工作时间计算的时限将永远无法到期',
  '{date} is also listed in holidays': '{date} 同时列在节假日中',
  'make-up working days need hours: set workdayHours or Monday hours': '调休上班日需要工作时间：请设置调休日工作时间或周一工作时间',
  'must be a list of {date, intervals}': '须为 {date, intervals} 列表',
  'must be {date, intervals}': '须为 {date, intervals}',
  'duplicate of {other}': '与 {other} 重复',
  'no calendar {id} in this tenant': '本租户没有日历 {id}',
  'unknown team "{team}"': '未知团队“{team}”',
  'one of {values}': '须为以下之一：{values}',
  // knowledge base, portal and chat
  'at most {max} bytes of UTF-8': '最多 {max} 字节（UTF-8）',
  'printable ASCII without spaces': '须为不含空格的可打印 ASCII 字符',
  'already used in {locale}': '在 {locale} 中已被使用',
  // incidents, diagnosis, calls
  'give status, broadcast or both': '请填写 status、broadcast 或两者',
  'give text, error_code or both': '请填写 text、error_code 或两者',
  '5–20 digits with an optional leading +; spaces, dashes, brackets and dots are ignored': '须为 5–20 位数字，可带前导 +；空格、短横线、括号和点会被忽略',
  'give case_id or new_case, not both': '请填写 case_id 或 new_case，不能同时填写',
  'lies in the future': '不能晚于现在',
  'more than 30 days ago': '不能早于 30 天前',
  'is before started_at': '不能早于开始时间',
  'more than 24 hours after started_at': '不能晚于开始时间 24 小时以上',
  'a promised follow-up must lie in the future': '承诺的回访时间须在将来',
  'outcome "follow_up" needs the promised follow_up': '结果为“待回访”时须填写回访安排',
  'outcome "transferred" needs transfer': '结果为“已转接”时须填写转接信息',
  'no team of tier {tier} in this tenant': '本租户没有 {tier} 级团队',
  // platform integrations
  'required to approve': '同意时必填',
  'required to reject': '拒绝时必填',
  'only when rejecting': '仅在拒绝时填写',
  'only when approving': '仅在同意时填写',
  'only with resolution "agreed"': '仅在解决结果为“已同意”时填写',
  'at most {max} characters for a WeChat Pay complaint': '微信支付投诉回复最多 {max} 个字符',
  'letters, digits and _ only': '只能包含字母、数字和 _',
  'digits only': '只能包含数字',
  'hex': '须为十六进制',
  'key ids must be unique': '密钥 ID 不能重复',
  'not an RSA public key of at least 2048 bits': '不是至少 2048 位的 RSA 公钥',
  'not an RSA private key of at least 2048 bits': '不是至少 2048 位的 RSA 私钥',
  'required when WeChat Pay is first set up': '首次配置微信支付时必填',
  'required when Stripe is first set up': '首次配置 Stripe 时必填',
  'a Stripe endpoint signing secret (whsec_…)': '须为 Stripe 端点签名密钥（whsec_…）',
  'give at least one piece of evidence': '请至少提供一项证据',
  'a host name or IP address': '须为主机名或 IP 地址',
  'required when IMAP is first set up': '首次配置 IMAP 时必填',
  'required with an SMTP user': '填写 SMTP 用户名时必填',
  'user and password go together': '用户名和密码须同时填写',
  'the id of an event from this stream (digits)': '须为此事件流中的事件编号（数字）',
};

type Compiled = { pattern: RegExp; names: string[]; zh: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const exact = new Map<string, string>();
const patterns: Compiled[] = [];
for (const [en, zh] of Object.entries(zhTemplates)) {
  const names = [...en.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  if (names.length === 0) {
    exact.set(en, zh);
    continue;
  }
  const source = en.split(/\{\w+\}/).map(escape).join('(.+?)');
  patterns.push({ pattern: new RegExp(`^${source}$`, 's'), names, zh });
}

function fromTable(message: string): string | undefined {
  const direct = exact.get(message);
  if (direct !== undefined) return direct;
  for (const { pattern, names, zh } of patterns) {
    const match = pattern.exec(message);
    if (!match) continue;
    const values = Object.fromEntries(names.map((name, index) => [name, match[index + 1] ?? '']));
    return zh.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  }
  return undefined;
}

/** What a zod issue carries besides its path and message (fastify-type-provider-zod keeps these). */
export type IssueSummary = { code: string; [detail: string]: unknown };

const zodZh = z.locales.zhCN().localeError;

const kinds: Record<string, string> = { string: '字符串', number: '数字', int: '整数', boolean: '布尔值', array: '数组', object: '对象', date: '日期' };
const formats: Record<string, string> = {
  uuid: '须为 UUID',
  email: '须为有效的电子邮件地址',
  url: '须为有效的网址',
  datetime: '须为 ISO 8601 时间，例如 2026-03-02T10:00:00+08:00',
  date: '须为 YYYY-MM-DD 格式的日期',
  time: '须为 HH:mm 格式的时间',
  regex: '格式不正确',
};

const quoteList = (values: unknown) => (Array.isArray(values) ? values.map((value) => (typeof value === 'string' ? `“${value}”` : String(value))).join('、') : '');

/** zh-CN for zod's own checks, phrased the way a form shows them next to the field. */
function zodIssueZh(issue: IssueSummary, english: string): string {
  const origin = typeof issue.origin === 'string' ? issue.origin : '';
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(english) ? '必填' : `类型须为${kinds[String(issue.expected)] ?? String(issue.expected)}`;
    case 'too_big': {
      const limit = String(issue.maximum);
      if (origin === 'string') return `最多 ${limit} 个字符`;
      if (origin === 'array' || origin === 'set') return `最多 ${limit} 项`;
      if (origin === 'file') return `最多 ${limit} 字节`;
      return issue.inclusive === false ? `须小于 ${limit}` : `不能大于 ${limit}`;
    }
    case 'too_small': {
      const limit = String(issue.minimum);
      if (origin === 'string') return limit === '1' ? '不能为空' : `至少 ${limit} 个字符`;
      if (origin === 'array' || origin === 'set') return `至少 ${limit} 项`;
      if (origin === 'file') return `至少 ${limit} 字节`;
      return issue.inclusive === false ? `须大于 ${limit}` : `不能小于 ${limit}`;
    }
    case 'invalid_format':
      return formats[String(issue.format)] ?? '格式不正确';
    case 'invalid_value':
      return `须为以下之一：${quoteList(issue.values)}`;
    case 'unrecognized_keys':
      return `不支持的字段：${quoteList(issue.keys)}`;
    case 'not_multiple_of':
      return `须为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_union':
      return '不符合任何一种允许的格式';
    default: {
      const fallback = zodZh(issue as Parameters<typeof zodZh>[0]);
      return typeof fallback === 'string' ? fallback : (fallback?.message ?? english);
    }
  }
}

/**
 * A field message in the caller's language. English is the text as raised; zh-CN comes from the
 * table above, then from zod's issue code when the message is zod's own, else the English stays.
 */
export function localizeFieldMessage(message: string, locale: Locale, issue?: IssueSummary): string {
  if (locale === 'en') return message;
  const table = fromTable(message);
  if (table !== undefined) return table;
  if (issue && issue.code !== 'custom') return zodIssueZh(issue, message);
  return message;
}
