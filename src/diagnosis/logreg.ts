import type { Category } from '../cases/taxonomy.js';
import { createRandom } from '../shared/random.js';
import { tokenize } from './tokenize.js';

/**
 * Multinomial logistic regression over the tokenizer's features, TF-IDF weighted and normalised
 * per message, trained with Adagrad and L2 regularisation. Deterministic: examples are visited in a
 * seeded order, so the same corpus always gives the same model.
 */
export type LogReg = { labels: Category[]; vocabulary: Map<string, number>; idf: Float64Array; weights: Float64Array; bias: Float64Array };

type Doc = { indices: number[]; values: number[] };

function vectorize(features: string[], vocabulary: Map<string, number>, idf: Float64Array): Doc {
  const counts = new Map<number, number>();
  for (const feature of features) {
    const index = vocabulary.get(feature);
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const indices = [...counts.keys()];
  const values = indices.map((index) => (1 + Math.log(counts.get(index) ?? 1)) * (idf[index] ?? 1));
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return { indices, values: values.map((value) => value / norm) };
}

export function fitLogReg(examples: Array<{ text: string; category: Category }>, options: { epochs?: number; rate?: number; l2?: number; seed?: number } = {}): LogReg {
  const epochs = options.epochs ?? 20;
  const rate = options.rate ?? 0.3;
  const l2 = options.l2 ?? 1e-5;
  const labels = [...new Set(examples.map((example) => example.category))].sort() as Category[];
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const tokenized = examples.map((example) => tokenize(example.text));
  const vocabulary = new Map<string, number>();
  const documentFrequency: number[] = [];
  for (const features of tokenized) {
    for (const feature of new Set(features)) {
      let index = vocabulary.get(feature);
      if (index === undefined) {
        index = vocabulary.size;
        vocabulary.set(feature, index);
        documentFrequency.push(0);
      }
      documentFrequency[index] = (documentFrequency[index] ?? 0) + 1;
    }
  }
  const idf = Float64Array.from(documentFrequency, (frequency) => Math.log((1 + examples.length) / (1 + frequency)) + 1);
  const docs = tokenized.map((features) => vectorize(features, vocabulary, idf));
  const classes = labels.length;
  const weights = new Float64Array(vocabulary.size * classes);
  const squared = new Float64Array(vocabulary.size * classes).fill(1e-8);
  const bias = new Float64Array(classes);
  const biasSquared = new Float64Array(classes).fill(1e-8);
  const random = createRandom(options.seed ?? 11);
  let order = docs.map((_, index) => index);
  const logits = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    order = random.shuffle(order);
    for (const docIndex of order) {
      const doc = docs[docIndex];
      const target = labelIndex.get(examples[docIndex]?.category ?? 'other') ?? 0;
      if (!doc) continue;
      for (let label = 0; label < classes; label += 1) {
        let sum = bias[label] ?? 0;
        for (let k = 0; k < doc.indices.length; k += 1) sum += (weights[(doc.indices[k] ?? 0) * classes + label] ?? 0) * (doc.values[k] ?? 0);
        logits[label] = sum;
      }
      const top = Math.max(...logits);
      let total = 0;
      for (let label = 0; label < classes; label += 1) total += Math.exp((logits[label] ?? 0) - top);
      for (let label = 0; label < classes; label += 1) {
        const gradient = Math.exp((logits[label] ?? 0) - top) / total - (label === target ? 1 : 0);
        biasSquared[label] = (biasSquared[label] ?? 0) + gradient * gradient;
        bias[label] = (bias[label] ?? 0) - (rate * gradient) / Math.sqrt(biasSquared[label] ?? 1);
        if (Math.abs(gradient) < 1e-6) continue;
        for (let k = 0; k < doc.indices.length; k += 1) {
          const at = (doc.indices[k] ?? 0) * classes + label;
          const g = gradient * (doc.values[k] ?? 0) + l2 * (weights[at] ?? 0);
          squared[at] = (squared[at] ?? 0) + g * g;
          weights[at] = (weights[at] ?? 0) - (rate * g) / Math.sqrt(squared[at] ?? 1);
        }
      }
    }
  }
  return { labels, vocabulary, idf, weights, bias };
}

/** Raw scores per label, and how many of the message's features the model knows. */
export function logRegScores(model: LogReg, text: string): { scores: number[]; known: number } {
  const doc = vectorize(tokenize(text), model.vocabulary, model.idf);
  const classes = model.labels.length;
  const scores = Array.from(model.bias);
  for (let label = 0; label < classes; label += 1) {
    for (let k = 0; k < doc.indices.length; k += 1) scores[label] = (scores[label] ?? 0) + (model.weights[(doc.indices[k] ?? 0) * classes + label] ?? 0) * (doc.values[k] ?? 0);
  }
  return { scores, known: doc.indices.length };
}
