import type { Locale } from '../i18n/i18n.js';
import { say } from './strings.js';

// The bot may explain how refunds work but never promise one: whether money goes back is decided by
// a person. Every outgoing text passes `guardRefundPromises`; a sentence that reads like a promise
// is replaced by a neutral line. Erring on the side of replacing is fine: the neutral line is true.

const PROMISES = [
  // zh: 保证退款, 一定(会)退款, 马上/立即/立刻退款, 会给您退款, 全额退还, 将为您退款, 包退…
  /(?:保证|确保|承诺|一定(?:会|能|可以)?|肯定(?:会|能|可以)?|必定|必然|马上|立即|立刻|尽快|今天(?:就)?)\s*(?:给您|为您|帮您|给你|为你|帮你|向您)?\s*(?:办理|安排|处理|发起)?\s*(?:全额|全部)?\s*(?:退款|退钱|退还|退回|返还|原路退回)/u,
  /(?:我们|我|平台|商家|系统)?(?:会|将|将会|可以|能)\s*(?:给您|为您|帮您|给你|为你|帮你|向您)\s*(?:办理|安排|处理|发起)?\s*(?:全额|全部)?\s*(?:退款|退钱|退还|退回|返还)/u,
  /(?:我们|我|平台|商家|系统)(?:会|将|将会|可以|能)[^。！？!?；;\n]{0,30}(?:退款|退钱|退还|退回|返还)/u,
  /(?<!已|已经)(?:全额|全部)(?:退还|退款|返还|退回)(?:给您|给你|到您)?/u,
  /(?:款项|钱款|货款|钱|款|金额|费用)(?:会|将|将会|一定会|马上会|很快会|稍后会)(?:被)?(?:全额)?(?:原路)?(?:退还|退回|返还|退给)/u,
  /包退|退款(?:已|已经)?(?:为您|给您)?(?:办理成功|批准|同意)|(?:同意|批准)(?:了)?(?:您的)?退款/u,
  // en
  /\bwe(?:'ll| will| shall| are going to| can|'d| would)\s+(?:\w+\s+){0,2}(?:refund|reimburse|give you (?:your money|a refund)|return your (?:money|payment))/iu,
  /\byou(?:'ll| will| are going to| shall)\s+(?:\w+\s+){0,2}(?:get|receive|be given|have)\s+(?:a |an |the |your )?(?:full |complete |100% )?(?:refund|money back|reimbursement)/iu,
  /\b(?:guarantee(?:d)?|promise(?:d)?|certainly|definitely)\b[^.!?\n]{0,40}\b(?:refund|money back|reimburse)/iu,
  /\brefund(?:ed)?\s+(?:you|your (?:money|payment)|it|the (?:full )?amount)?\s*(?:right away|immediately|now|today|at once|asap)\b/iu,
  /\b(?:will|shall)\s+be\s+(?:fully\s+)?(?:refunded|reimbursed|returned to you)\b/iu,
  /\b(?:your )?refund (?:is|has been) (?:approved|guaranteed|granted)\b/iu,
  /\bfull refund\b(?![^.!?\n]*\?)/iu,
  // Promises in the passive or as a plan ("will be issued", "on its way", "we are refunding you").
  /\b(?:refund|money|payment|funds?|amount)\b[^.!?\n]{0,24}\b(?:will|shall|is going to|are going to)\s+(?:be\s+)?(?:issued|arrive|returned|credited|sent|processed|paid|back|refunded)\b/iu,
  /\b(?:are|is|'re|am)\s+(?:now\s+)?refunding\b/iu,
  /\brefund\b[^.!?\n]{0,24}\bon (?:its|the) way\b/iu,
  /\bmake sure (?:that )?you(?:'re| are| get)\s+(?:\w+\s+)?(?:refunded|a refund|your money back)\b/iu,
  /(?:退款|款项|钱款|货款|钱|款)(?:将|会|将会|一定会|马上会|很快会)(?:在[^。！？!?；;\n]{0,12})?(?:到账|退回|退还|返还|原路返回)/u,
  /退款(?:已经|已)?(?:为您|给您)?安排(?:好|妥)?/u,
  /(?:稍后|马上|很快|随后|即将)(?:会|将)?(?:给您|为您|给你|为你)?(?:退款|退钱|退还)/u,
];

/** The bot's own guard: true when a text promises a refund (its replies must never do so). */
export function promisesRefund(text: string): boolean {
  // White-space runs become one space first, so no pattern has a long run to backtrack over.
  const normalized = text.normalize('NFKC').replace(/[‘’]/g, "'").replace(/\s+/gu, ' ');
  return PROMISES.some((pattern) => pattern.test(normalized));
}

/**
 * Splits after sentence ends (。！？!?；; and ". "), keeping the punctuation and line breaks; Chinese
 * also after commas, so only the promising clause goes.
 */
function sentences(text: string, locale: Locale): string[] {
  const pattern = locale === 'zh-CN' ? /[^。！？!?；;，,\n]*(?:[。！？!?；;，,\n]+|$)/gu : /[^。！？!?；;\n.]*(?:[。！？!?；;\n]+|\.(?=\s|$)\s*|$)/gu;
  return text.match(pattern)?.filter((part) => part !== '') ?? [text];
}

/**
 * The text with every refund-promising sentence replaced by the neutral line (once per run of
 * replaced sentences); the rest is left exactly as it was.
 */
export function guardRefundPromises(text: string, locale: Locale): string {
  if (!promisesRefund(text)) return text;
  const neutral = say(locale, 'refund_neutral');
  const out: string[] = [];
  let previousReplaced = false;
  for (const sentence of sentences(text, locale)) {
    if (promisesRefund(sentence)) {
      const trailing = sentence.match(/\s*$/u)?.[0] ?? '';
      if (!previousReplaced) out.push(`${neutral}${trailing.includes('\n') ? trailing : locale === 'en' ? ' ' : ''}`);
      previousReplaced = true;
    } else {
      out.push(sentence);
      previousReplaced = false;
    }
  }
  const guarded = out.join('').trimEnd();
  // A promise that spans sentence boundaries survives the split: drop the whole text then.
  return promisesRefund(guarded) ? neutral : guarded;
}
