import type { teamCodes } from '../auth/roles.js';
import type { Category, Priority, channels, resolutions } from '../cases/taxonomy.js';
import type { Locale } from '../i18n/i18n.js';

export type Channel = (typeof channels)[number];
export type Resolution = (typeof resolutions)[number];
export type TeamCode = (typeof teamCodes)[number];

/** The same sentence in both desk languages; `{name}` placeholders are filled per case. */
export type Bilingual = { readonly zh: string; readonly en: string };

export function inLocale(text: Bilingual, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Whose ids the references look like (a WeChat Pay transaction id differs from a Stripe one). */
export type Provider = 'wechatpay' | 'alipay' | 'unionpay' | 'stripe' | 'gateway' | 'shopee';

/** Typical amounts and currencies of one kind of payment. */
export type MoneyKind = 'retail' | 'visa_fee' | 'marketplace' | 'pos_sale' | 'settlement' | 'wallet' | 'stripe';

/** References a scenario carries; complaint and dispute ids follow from the channel. */
export type RefKind = 'transaction' | 'order' | 'refund' | 'merchant' | 'terminal' | 'error';

export type ErrorCodes = { readonly iso: readonly string[]; readonly stripe?: readonly string[] };

/** One kind of payment problem as customers actually report it, with how the desk answers. */
export type Scenario = {
  readonly category: Category;
  /** Relative frequency among scenarios. */
  readonly weight: number;
  readonly channels: readonly Channel[];
  readonly provider: Provider;
  /** A buyer (consumer) or a merchant with a terminal. */
  readonly party: 'consumer' | 'merchant';
  readonly money?: MoneyKind;
  readonly refs: readonly RefKind[];
  /** ISO 8583 / UnionPay response codes, and Stripe decline codes where the gateway speaks Stripe. */
  readonly errorCodes?: ErrorCodes;
  /** Team that owns the case first, and the one it goes to when it waits on someone inside. */
  readonly team: TeamCode;
  readonly escalateTo: TeamCode;
  readonly priority: Priority;
  readonly tags: readonly string[];
  /** A text may narrow the error codes to the ones its words describe. */
  readonly texts: readonly { readonly subject: Bilingual; readonly description: Bilingual; readonly errorCodes?: ErrorCodes }[];
  /** The agent's first answer. */
  readonly reply: Bilingual;
  /** What the agent asks for when the case waits on the customer. */
  readonly ask: Bilingual;
  /** An internal note. */
  readonly note: Bilingual;
  readonly resolutions: readonly Resolution[];
};
