import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { conceptFeatures } from './concepts.js';

let jieba: Jieba | undefined;
/** The one jieba instance of the process (its dictionary takes ~45 MB): diagnosis and knowledge-base search share it. */
export const segmenter = () => (jieba ??= Jieba.withDict(dict));

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z][a-z0-9_.-]*[a-z0-9]|[a-z]/g;
const NUMBER = /\d+(?:[.,]\d+)?/g;

/** Words that say nothing about the problem. */
const STOP_WORDS = new Set(
  'a an the and or but if of to in on at for from by with about as is are was were be been being am it its this that these those i me my mine we our you your he she they them their his her there here what which who whom how why when where do does did done have has had having can could would should will shall may might must just so than too very not no yes hi hello please thanks thank pls plz'.split(' '),
);

/** A light suffix stripper: enough that "charged", "charges" and "charging" meet. */
function stem(word: string): string {
  if (word.length <= 4 || word.includes('_') || word.includes('.')) return word;
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * Features of a message in Chinese, English or both: jieba words for Chinese runs, lower-cased,
 * lightly stemmed words without stop words and word bigrams for Latin text, a placeholder for
 * numbers so amounts and dates do not become vocabulary, and the shared zh/en payment concepts.
 * (Character bigrams and trigrams were measured too: on this corpus they lowered held-out accuracy.)
 * Error codes are recognised separately, before the model.
 */
export function tokenize(text: string): string[] {
  const normal = text.normalize('NFKC').toLowerCase().slice(0, 5000);
  const features: string[] = [];
  for (const run of normal.match(HAN_RUN) ?? []) {
    for (const word of segmenter().cut(run, false)) if (word.trim()) features.push(`w:${word}`);
  }
  const latin = normal.replace(HAN_RUN, ' ').replace(NUMBER, ' ');
  const words = (latin.match(LATIN_WORD) ?? []).filter((word) => !STOP_WORDS.has(word)).map(stem);
  for (const word of words) {
    features.push(`e:${word}`);
  }
  for (let index = 0; index + 1 < words.length; index += 1) features.push(`e2:${words[index]}_${words[index + 1]}`);
  if (/\d/.test(normal)) features.push('n:number');
  // Concepts count twice: they are the features both languages share.
  const shared = conceptFeatures(normal);
  features.push(...shared, ...shared);
  return features;
}

/** Which language a text is mostly in, for reports. */
export function languageOf(text: string): 'zh' | 'en' | 'mixed' {
  const han = [...text].filter((char) => HAN.test(char)).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (han > 0 && latin >= 4) return 'mixed';
  return han > 0 ? 'zh' : 'en';
}
