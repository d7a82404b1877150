import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { categories, type Category } from '../cases/taxonomy.js';
import { createRandom } from '../shared/random.js';
import { fitLogReg, logRegScores, type LogReg } from './logreg.js';

/** The longest text a corpus line may hold. */
export const CORPUS_TEXT_MAX = 2000;
export const corpusLine = z.strictObject({ text: z.string().min(1).max(CORPUS_TEXT_MAX), category: z.enum(categories), lang: z.enum(['zh', 'en', 'mixed']) });
export type CorpusExample = z.infer<typeof corpusLine>;

/** Below this confidence the answer is `other`, for a human to look at. */
export const CONFIDENCE_THRESHOLD = 0.35;

const corpusDir = new URL('../../data/corpus/', import.meta.url);

/** Every labelled example shipped in data/corpus/*.jsonl, validated line by line. */
export function loadCorpus(dir: URL | string = corpusDir): CorpusExample[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const examples: CorpusExample[] = [];
  for (const file of readdirSync(path).filter((name) => name.endsWith('.jsonl')).sort()) {
    readFileSync(`${path}/${file}`, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        const parsed = corpusLine.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`data/corpus/${file}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        examples.push(parsed.data);
      });
  }
  return examples;
}

export type Prediction = { category: Category; confidence: number; alternatives: Array<{ category: Category; confidence: number }> };

type Model = { logreg: LogReg; temperature: number };

/** Softmax of the scores divided by the temperature, which is fitted so confidences are honest. */
function probabilities(model: Model, text: string): { probabilities: number[]; known: number } {
  const { scores, known } = logRegScores(model.logreg, text);
  const raw = scores.map((score) => score / model.temperature);
  const top = Math.max(...raw);
  const exps = raw.map((score) => Math.exp(score - top));
  const sum = exps.reduce((total, value) => total + value, 0);
  return { probabilities: exps.map((value) => value / sum), known };
}

/** Categories from most to least likely, without the `other` fallback (for measuring the model itself). */
function rankedWith(model: Model, text: string): { ranked: Array<{ category: Category; confidence: number }>; known: number } {
  const { probabilities: shares, known } = probabilities(model, text);
  const ranked = shares.map((confidence, index) => ({ category: model.logreg.labels[index] ?? 'other', confidence })).sort((a, b) => b.confidence - a.confidence);
  return { ranked, known };
}

function predictWith(model: Model, text: string): Prediction {
  const { ranked, known } = rankedWith(model, text);
  if (known === 0) return { category: 'other', confidence: 0, alternatives: [] };
  const best = ranked[0] ?? { category: 'other' as Category, confidence: 0 };
  const alternatives = ranked.slice(0, 3).map((entry) => ({ category: entry.category, confidence: round(entry.confidence) }));
  if (best.confidence < CONFIDENCE_THRESHOLD) return { category: 'other', confidence: round(best.confidence), alternatives };
  return { category: best.category, confidence: round(best.confidence), alternatives };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** A stratified split: `share` of every category goes to the held-out side. */
export function splitCorpus(examples: CorpusExample[], share: number, seed: number): { train: CorpusExample[]; test: CorpusExample[] } {
  const train: CorpusExample[] = [];
  const test: CorpusExample[] = [];
  for (const category of categories) {
    const mine = createRandom(seed).shuffle(examples.filter((example) => example.category === category));
    const cut = Math.round(mine.length * share);
    test.push(...mine.slice(0, cut));
    train.push(...mine.slice(cut));
  }
  return { train, test };
}

/** The temperature that makes the confidences honest: lowest log loss on a validation split. */
function fitTemperature(examples: CorpusExample[]): number {
  const { train, test } = splitCorpus(examples, 0.2, 7);
  const model: Model = { logreg: fitLogReg(train), temperature: 1 };
  let best = { temperature: 1, loss: Infinity };
  for (const temperature of [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4]) {
    model.temperature = temperature;
    let loss = 0;
    for (const example of test) {
      const index = model.logreg.labels.indexOf(example.category);
      loss -= Math.log(Math.max(1e-12, probabilities(model, example.text).probabilities[index] ?? 0));
    }
    if (loss < best.loss) best = { temperature, loss };
  }
  return best.temperature;
}

export type Classifier = { predict(text: string): Prediction; top(text: string): Category; labels: Category[]; temperature: number; examples: number };

/**
 * The temperature `npm run bench -- classifier` fits on a validation split of the shipped corpus
 * (it prints it); the desk uses it as is rather than refitting on every start.
 */
export const CALIBRATED_TEMPERATURE = 0.75;

/** Trains on the given examples (all of the shipped corpus by default); `calibrate` refits the temperature. */
export function trainClassifier(examples: CorpusExample[] = loadCorpus(), options: { calibrate?: boolean } = {}): Classifier {
  const model: Model = { logreg: fitLogReg(examples), temperature: options.calibrate ? fitTemperature(examples) : CALIBRATED_TEMPERATURE };
  return {
    predict: (text) => predictWith(model, text),
    top: (text) => rankedWith(model, text).ranked[0]?.category ?? 'other',
    labels: model.logreg.labels,
    temperature: model.temperature,
    examples: examples.length,
  };
}

let shared: Classifier | undefined;

/** The desk's classifier, trained once per process on the shipped corpus. */
export function classifier(): Classifier {
  return (shared ??= trainClassifier());
}
