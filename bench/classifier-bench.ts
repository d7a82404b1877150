/**
 * `npm run bench -- classifier`: the text classifier's top-1 accuracy and macro-F1 on a held-out
 * split of the shipped corpus (stratified, fixed seed, never used for training), by language, with
 * the most common confusions, and how many diagnoses a second the desk answers in-process.
 */
import { performance } from 'node:perf_hooks';
import { categories, type Category } from '../src/cases/taxonomy.js';
import { loadCorpus, splitCorpus, trainClassifier, type CorpusExample } from '../src/diagnosis/classifier.js';
import { diagnose } from '../src/diagnosis/diagnosis.service.js';
import { bar, table } from './format.js';
import { machineInfo, type Machine } from './result.js';

export const HELD_OUT_SHARE = 0.2;
export const SPLIT_SEED = 20261126;
export const TARGET_ACCURACY = 0.9;

/** accuracy and macroF1 are the model's top-1; servedAccuracy counts a below-threshold `other` as the answer, as the desk does. */
type Scores = { examples: number; accuracy: number; macroF1: number; servedAccuracy: number };
export type ClassifierResult = {
  name: 'classifier';
  date: string;
  machine: Machine;
  node: string;
  corpus: { examples: number; train: number; heldOut: number; seed: number; share: number };
  temperature: number;
  overall: Scores;
  byLanguage: Record<string, Scores>;
  byCategory: Array<{ category: Category; precision: number; recall: number; f1: number; support: number }>;
  confusions: Array<{ expected: Category; predicted: Category; count: number }>;
  lowConfidenceShare: number;
  diagnosePerSecond: number;
  target: number;
  pass: boolean;
};

function score(pairs: Array<{ expected: Category; predicted: Category; served: Category }>) {
  const perCategory = categories.map((category) => {
    const tp = pairs.filter((pair) => pair.expected === category && pair.predicted === category).length;
    const fp = pairs.filter((pair) => pair.expected !== category && pair.predicted === category).length;
    const fn = pairs.filter((pair) => pair.expected === category && pair.predicted !== category).length;
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    return { category, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, support: tp + fn };
  });
  const present = perCategory.filter((entry) => entry.support > 0);
  const accuracy = pairs.length > 0 ? pairs.filter((pair) => pair.expected === pair.predicted).length / pairs.length : 0;
  const macroF1 = present.length > 0 ? present.reduce((sum, entry) => sum + entry.f1, 0) / present.length : 0;
  const servedAccuracy = pairs.length > 0 ? pairs.filter((pair) => pair.expected === pair.served).length / pairs.length : 0;
  return { scores: { examples: pairs.length, accuracy, macroF1, servedAccuracy }, perCategory };
}

export function runClassifierBench(log: (line: string) => void): ClassifierResult {
  const corpus = loadCorpus();
  const { train, test } = splitCorpus(corpus, HELD_OUT_SHARE, SPLIT_SEED);
  log(`classifier: ${corpus.length} examples, training on ${train.length}, holding out ${test.length}`);
  const model = trainClassifier(train, { calibrate: true });
  const evaluated = test.map((example: CorpusExample) => {
    const prediction = model.predict(example.text);
    return { expected: example.category, predicted: model.top(example.text), served: prediction.category, lang: example.lang, confidence: prediction.confidence };
  });
  const overall = score(evaluated);
  const byLanguage: Record<string, Scores> = {};
  for (const lang of ['zh', 'en', 'mixed']) byLanguage[lang] = score(evaluated.filter((entry) => entry.lang === lang)).scores;
  const confusionCounts = new Map<string, number>();
  for (const entry of evaluated.filter((item) => item.expected !== item.predicted)) {
    const key = `${entry.expected}→${entry.predicted}`;
    confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
  }
  const confusions = [...confusionCounts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([key, count]) => {
      const [expected, predicted] = key.split('→') as [Category, Category];
      return { expected, predicted, count };
    });
  // Diagnoses per second, in-process, over the held-out texts (the shared model trains once first).
  diagnose({ text: 'warm up' }, 'zh-CN');
  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < 2000) {
    const example = test[calls % test.length];
    if (example) diagnose({ text: example.text }, 'zh-CN');
    calls += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    name: 'classifier',
    date: new Date().toISOString(),
    machine: machineInfo(),
    node: process.version,
    corpus: { examples: corpus.length, train: train.length, heldOut: test.length, seed: SPLIT_SEED, share: HELD_OUT_SHARE },
    temperature: model.temperature,
    overall: overall.scores,
    byLanguage,
    byCategory: overall.perCategory,
    confusions,
    lowConfidenceShare: evaluated.filter((entry) => entry.served === 'other' && entry.expected !== 'other').length / Math.max(1, evaluated.length),
    diagnosePerSecond: Math.round(calls / seconds),
    target: TARGET_ACCURACY,
    pass: overall.scores.accuracy >= TARGET_ACCURACY,
  };
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function classifierReport(result: ClassifierResult): string {
  const lines = [
    `━━ Classifier · held-out ${result.corpus.heldOut} of ${result.corpus.examples} examples (seed ${result.corpus.seed}) · ${result.machine.cores} cores · Node ${result.node}`,
    '',
    table(
      ['set', 'examples', 'top-1 accuracy', 'macro-F1', 'served (low confidence → other)'],
      [
        ['all', String(result.overall.examples), percent(result.overall.accuracy), percent(result.overall.macroF1), percent(result.overall.servedAccuracy)],
        ...Object.entries(result.byLanguage).map(([lang, scores]) => [lang, String(scores.examples), percent(scores.accuracy), percent(scores.macroF1), percent(scores.servedAccuracy)]),
      ],
    ),
    '',
    `target ≥ ${percent(result.target)} top-1: ${result.pass ? 'PASS' : 'FAIL'} · answered "other" for a human on ${percent(result.lowConfidenceShare)} of held-out texts · ${result.diagnosePerSecond.toLocaleString('en')} diagnoses/s in-process · temperature ${result.temperature}`,
    '',
    'F1 by category (longer is better)',
    ...result.byCategory.map((entry) => `  ${entry.category.padEnd(36)} ${bar(entry.f1, 1)} ${percent(entry.f1)}`),
    '',
    'Most common confusions (expected → predicted)',
    ...(result.confusions.length > 0 ? result.confusions.map((entry) => `  ${String(entry.count).padStart(3)} × ${entry.expected} → ${entry.predicted}`) : ['  none']),
  ];
  return lines.join('\n');
}
