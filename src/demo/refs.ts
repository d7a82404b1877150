import type { RefName } from '../cases/taxonomy.js';
import type { Locale } from '../i18n/i18n.js';
import { maskCardNumbers } from '../privacy/mask.js';
import type { DemoCustomer } from './customers.js';
import { banks, posModels, products, visaCountries } from './people.js';
import type { Random } from '../shared/random.js';
import type { Channel, ErrorCodes, MoneyKind, Provider, Scenario } from './scenario.js';

export type Money = { amount: number; currency: string };

/** Typical currencies (by case language) and amount ranges in minor units. */
const moneyKinds: Record<MoneyKind, { zh: readonly string[]; en: readonly string[]; min: number; max: number; fixed?: readonly number[] }> = {
  retail: { zh: ['CNY'], en: ['USD', 'SGD', 'EUR', 'GBP'], min: 990, max: 159_900 },
  visa_fee: { zh: ['USD'], en: ['USD'], min: 2500, max: 16_000, fixed: [2500, 4000, 5000, 8000, 10_000, 16_000] },
  marketplace: { zh: ['MYR', 'SGD'], en: ['SGD', 'MYR', 'PHP'], min: 1290, max: 45_900 },
  pos_sale: { zh: ['CNY'], en: ['SGD', 'HKD'], min: 3800, max: 880_000 },
  settlement: { zh: ['CNY'], en: ['SGD', 'HKD'], min: 120_000, max: 8_600_000 },
  wallet: { zh: ['CNY'], en: ['CNY'], min: 100, max: 99_900 },
  stripe: { zh: ['USD', 'EUR'], en: ['USD', 'EUR', 'GBP'], min: 1900, max: 129_900 },
};

const currencySymbols: Record<string, string> = { CNY: '¥', USD: 'US$', SGD: 'S$', MYR: 'RM', PHP: '₱', EUR: '€', GBP: '£', HKD: 'HK$' };

/** Amounts skew small (log-uniform) and end like prices do: whole units or .90. */
export function pickMoney(rng: Random, kind: MoneyKind, locale: Locale): Money {
  const table = moneyKinds[kind];
  const currency = rng.pick(locale === 'en' ? table.en : table.zh);
  if (table.fixed) return { amount: rng.pick(table.fixed), currency };
  const raw = Math.exp(rng.between(Math.log(table.min), Math.log(table.max)));
  const whole = Math.max(1, Math.round(raw / 100)) * 100;
  return { amount: rng.chance(0.3) ? whole - 10 : whole, currency };
}

export function formatMoney(money: Money): string {
  const major = (money.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${currencySymbols[money.currency] ?? `${money.currency} `}${major}`;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const upperAlnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function ymd(date: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  return parts.replaceAll('-', '');
}

/**
 * Intake masks anything that looks like a card number, so a reference whose digits happen to
 * pass the Luhn check would be starred out in the text. Nudging the last digit breaks the check.
 */
export function unlikeCardNumber(id: string): string {
  let value = id;
  for (let tries = 0; tries < 10 && maskCardNumbers(value) !== value; tries += 1) value = value.replace(/\d(?=\D*$)/, (digit) => String((Number(digit) + 1) % 10));
  return value;
}

function transactionId(rng: Random, provider: Provider, day: string): string {
  switch (provider) {
    case 'wechatpay': return `4200${rng.digits(6)}${day}${rng.digits(10)}`;
    case 'alipay': return `${day}2200${rng.digits(16)}`;
    case 'unionpay': return rng.digits(12);
    case 'stripe': return `ch_3${rng.chars(23, base62)}`;
    case 'gateway': return `pay_${rng.chars(14, base62)}`;
    case 'shopee': return `SPP${day.slice(2)}${rng.digits(10)}`;
  }
}

function orderId(rng: Random, provider: Provider, day: string): string {
  switch (provider) {
    case 'shopee': return `${day.slice(2)}${rng.chars(8, upperAlnum)}`;
    case 'gateway': return `EV${day.slice(2)}${rng.chars(6, upperAlnum)}`;
    case 'stripe': return `ORD-${rng.digits(7)}`;
    default: return `PD${day}${rng.digits(6)}`;
  }
}

function refundId(rng: Random, provider: Provider, day: string): string {
  if (provider === 'wechatpay') return `503${rng.digits(6)}${day}${rng.digits(12)}`;
  if (provider === 'stripe') return `re_3${rng.chars(23, base62)}`;
  return `RF${day}${rng.digits(6)}`;
}

/** A Luhn-valid card number, spaced the way people type it (the intake masks it). */
function typedCardNumber(rng: Random, locale: Locale): string {
  const body = (locale === 'en' ? '453201' : '622202') + rng.digits(9);
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    let value = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
  }
  const full = `${body}${(10 - (sum % 10)) % 10}`;
  return full.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function formatDay(date: Date, locale: Locale, timezone: string): string {
  return locale === 'en'
    ? new Intl.DateTimeFormat('en-GB', { timeZone: timezone, day: 'numeric', month: 'short' }).format(date)
    : new Intl.DateTimeFormat('zh-CN', { timeZone: timezone, month: 'long', day: 'numeric' }).format(date);
}

function formatTime(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

export type CaseFacts = { refs: Partial<Record<RefName, string>>; money?: Money; vars: Record<string, string> };

export type FactsInput = {
  scenario: Scenario;
  /** The codes the chosen text talks about (defaults to the scenario's). */
  errorCodes?: ErrorCodes;
  channel: Channel;
  locale: Locale;
  customer: DemoCustomer;
  /** When the customer paid (or tried to). */
  paidAt: Date;
  timezone: string;
  /** The tenant's WeChat Pay merchant id. */
  wechatMchId: string;
};

/** References, money and the words that fill a scenario's `{placeholders}` for one case. */
export function buildFacts(rng: Random, input: FactsInput): CaseFacts {
  const { scenario, channel, locale, customer, paidAt, timezone } = input;
  const provider: Provider = channel === 'wechatpay' ? 'wechatpay' : channel === 'stripe' ? 'stripe' : scenario.provider;
  const day = ymd(paidAt, timezone);
  const lang = locale === 'en' ? 'en' : 'zh';
  const refs: Partial<Record<RefName, string>> = {};
  for (const kind of scenario.refs) {
    if (kind === 'transaction') refs.transaction_id = transactionId(rng, provider, day);
    if (kind === 'order') refs.order_id = orderId(rng, provider, day);
    if (kind === 'refund') refs.refund_id = refundId(rng, provider, day);
    if (kind === 'merchant') refs.merchant_no = customer.merchant?.merchantNo ?? input.wechatMchId;
    if (kind === 'terminal' && customer.merchant) refs.terminal_serial = customer.merchant.terminalSerial;
    const errorCodes = input.errorCodes ?? scenario.errorCodes;
    if (kind === 'error' && errorCodes) {
      const { iso, stripe } = errorCodes;
      const speaksStripe = stripe && (provider === 'stripe' || (provider === 'gateway' && locale === 'en' && rng.chance(0.5)));
      refs.error_code = rng.pick(speaksStripe ? stripe : iso);
    }
  }
  if (channel === 'wechatpay') {
    refs.platform_complaint_id = `200${rng.digits(2)}${day}${rng.digits(14)}`;
    refs.merchant_no = input.wechatMchId;
    refs.transaction_id ??= transactionId(rng, 'wechatpay', day);
  }
  if (channel === 'stripe') refs.dispute_id = `du_1${rng.chars(23, base62)}`;
  for (const [name, value] of Object.entries(refs) as [RefName, string][]) refs[name] = unlikeCardNumber(value);
  const money = scenario.money ? pickMoney(rng, scenario.money, locale) : undefined;
  const model = customer.merchant ? posModels[customer.merchant.model] : undefined;
  const vars: Record<string, string> = {
    amount: money ? formatMoney(money) : '',
    bank: rng.pick(banks[lang]),
    last4: rng.digits(4),
    country: rng.pick(visaCountries[lang]),
    product: rng.pick(products[lang]),
    date: formatDay(paidAt, locale, timezone),
    time: formatTime(paidAt, timezone),
    card_number: typedCardNumber(rng, locale),
    refund_days: String(rng.int(5, 15)),
    store: customer.name,
    model: model ? model[lang] : '',
    complaint_id: refs.platform_complaint_id ?? '',
  };
  for (const [name, value] of Object.entries(refs)) vars[name] = value;
  return { refs, money, vars };
}

/** Replaces `{name}` with its value; unknown names stay visible rather than vanish. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
