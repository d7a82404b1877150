import type { CustomerInput } from '../customers/customers.schema.js';
import type { Locale } from '../i18n/i18n.js';
import {
  emailDomains, enFirstNames, enLastNames, enStores, merchantAreaCodes, merchantCategoryCodes, posModels, zhGivenNames, zhStores, zhSurnames,
} from './people.js';
import type { Random } from '../shared/random.js';
import { unlikeCardNumber } from './refs.js';

export type MerchantFacts = { merchantNo: string; terminalSerial: string; model: number };

/** A person or shop that writes in, with stable identities so repeat contacts find the same customer. */
export type DemoCustomer = {
  name: string;
  locale: Locale;
  party: 'consumer' | 'merchant';
  email?: string;
  phone?: string;
  /** WeChat openid, given once the customer pays through WeChat Pay. */
  openid?: string;
  merchant?: MerchantFacts;
};

export function customerInput(customer: DemoCustomer): CustomerInput {
  return { name: customer.name, email: customer.email, phone: customer.phone, external_id: customer.openid, locale: customer.locale };
}

function asciiHandle(name: string): string {
  return name.normalize('NFD').toLowerCase().replace(/[^a-z]/g, '');
}

/** Hands out customers; some come back with new problems, as real ones do. */
export function createCustomerPool(rng: Random) {
  const known: DemoCustomer[] = [];
  const usedEmails = new Set<string>();

  function uniqueEmail(local: string): string {
    for (;;) {
      const email = `${local}${rng.int(1, 99)}@${rng.pick(emailDomains)}`;
      if (!usedEmails.has(email)) {
        usedEmails.add(email);
        return email;
      }
    }
  }

  function newConsumer(locale: Locale): DemoCustomer {
    if (locale === 'en') {
      const first = rng.pick(enFirstNames);
      const last = rng.pick(enLastNames);
      return {
        name: `${first} ${last}`,
        locale,
        party: 'consumer',
        email: uniqueEmail(`${asciiHandle(first)}.${asciiHandle(last)}`),
        phone: rng.chance(0.4) ? (rng.chance(0.5) ? `+658${rng.digits(7)}` : `+1${rng.pick(['212', '415', '646', '312'])}55501${rng.digits(2)}`) : undefined,
      };
    }
    return {
      name: `${rng.pick(zhSurnames)}${rng.pick(zhGivenNames)}`,
      locale,
      party: 'consumer',
      phone: `+861${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`,
      email: rng.chance(0.3) ? uniqueEmail(rng.digits(rng.int(7, 9))).replace('@', '@qq.') : undefined,
    };
  }

  function newMerchant(locale: Locale): DemoCustomer {
    const model = rng.int(0, posModels.length - 1);
    const prefix = posModels[model]?.serialPrefix ?? 'POS0';
    return {
      name: rng.pick(locale === 'en' ? enStores : zhStores),
      locale,
      party: 'merchant',
      phone: locale === 'en' ? `+656${rng.digits(7)}` : `+861${rng.pick(['3', '5', '8'])}${rng.digits(9)}`,
      merchant: {
        merchantNo: unlikeCardNumber(`898${rng.pick(merchantAreaCodes)}${rng.pick(merchantCategoryCodes)}${rng.digits(4)}`),
        terminalSerial: `${prefix}${rng.digits(8)}`,
        model,
      },
    };
  }

  /** WeChat Pay identifies payers by an openid; a customer gets one on first paying that way. */
  function giveOpenid(customer: DemoCustomer) {
    customer.openid ??= `o${rng.chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${rng.chars(23, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')}`;
  }

  return {
    /** A returning customer of the same kind now and then, otherwise a new one. */
    pick(locale: Locale, party: 'consumer' | 'merchant', wantsOpenid: boolean): DemoCustomer {
      const returning = known.filter((customer) => customer.locale === locale && customer.party === party);
      const comeBack = party === 'merchant' ? 0.45 : 0.2;
      const customer = returning.length > 0 && rng.chance(comeBack) ? rng.pick(returning) : party === 'merchant' ? newMerchant(locale) : newConsumer(locale);
      if (!known.includes(customer)) known.push(customer);
      if (wantsOpenid) giveOpenid(customer);
      return customer;
    },
    giveOpenid,
  };
}
