import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api/client';
import type { Locale } from '../../api/types';

/** "2026/11/26 14:05" / "Nov 26, 2026, 2:05 PM" in the console's language (browser time zone). */
export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** The console's language (also the one texts are asked of the API in) and a time formatter bound to it. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return { language, time: (iso: string | null | undefined) => formatTime(iso, language) } as const;
}

/** A problem's title and detail as one line, for alerts and messages. */
export function problemText(error: unknown): string {
  if (error instanceof ProblemError) {
    const fields = error.errors.map((field) => field.message).join('; ');
    return [error.title, error.detail, fields && fields !== error.detail ? fields : ''].filter(Boolean).join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** `{ [key]: text }` trimmed, or nothing when the text is blank: optional free text in a request body. */
export function ifGiven<Key extends string>(key: Key, text: string): Partial<Record<Key, string>> {
  const trimmed = text.trim();
  return trimmed ? ({ [key]: trimmed } as Record<Key, string>) : {};
}

/** A fresh Idempotency-Key for one write. */
export function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
