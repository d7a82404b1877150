import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createArticleBody, type CreateArticleBody } from './kb.schema.js';

/** The articles a new desk starts with: `src/kb/starter/<slug>.<locale>.md`, front matter then Markdown. */
export const STARTER_DIR = fileURLToPath(new URL('./starter/', import.meta.url));

const FILE_NAME = /^(.+)\.(zh-CN|en)\.md$/;

export type StarterLoad = { articles: CreateArticleBody[]; problems: string[] };

/**
 * Splits `---\nkey: value\n---\nbody` into its fields and body. Values are plain text to the end
 * of the line; `tags` is comma-separated (ASCII or Chinese comma).
 */
export function parseFrontMatter(source: string): { fields: Record<string, string>; body: string } | null {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(source);
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { fields, body: match[2] ?? '' };
}

/** One starter file as a published article, or why it cannot be one. */
export function parseStarterFile(fileName: string, source: string): CreateArticleBody | string {
  const name = FILE_NAME.exec(fileName);
  if (!name) return `${fileName}: name must be <slug>.zh-CN.md or <slug>.en.md`;
  const parsed = parseFrontMatter(source);
  if (!parsed) return `${fileName}: no front matter (--- title/category/tags ---)`;
  const tags = (parsed.fields.tags ?? '').split(/[,，]/).map((tag) => tag.trim()).filter((tag) => tag.length > 0);
  const result = createArticleBody.safeParse({
    slug: name[1],
    locale: name[2],
    title: parsed.fields.title,
    body_markdown: parsed.body,
    ...(parsed.fields.category ? { category: parsed.fields.category } : {}),
    tags,
    status: 'published',
  });
  if (!result.success) return `${fileName}: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'file'} ${issue.message}`).join('; ')}`;
  return result.data;
}

let cached: StarterLoad | undefined;

/** Every starter article (read once), with the files that were not valid; an absent folder is an empty set. */
export function loadStarterArticles(dir = STARTER_DIR): StarterLoad {
  if (dir === STARTER_DIR && cached) return cached;
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.md')).sort();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { articles: [], problems: [] };
    throw error;
  }
  const load: StarterLoad = { articles: [], problems: [] };
  for (const file of files) {
    const parsed = parseStarterFile(file, readFileSync(`${dir}/${file}`, 'utf8'));
    if (typeof parsed === 'string') load.problems.push(parsed);
    else load.articles.push(parsed);
  }
  if (dir === STARTER_DIR) cached = load;
  return load;
}
