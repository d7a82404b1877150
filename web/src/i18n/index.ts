import type i18next from 'i18next';
import { categoryLabels, clockLabels, priorityLabels } from '../api/domain';
import { setApiLanguage } from '../api/client';
import { applyLanguage, asLanguage, initI18n, resourcesFor, type Language } from '../../shared/i18n';
import { common } from './common';
import { namespaces } from './namespaces';

export { languages, type Language } from '../../shared/i18n';
const LANGUAGE_KEY = 'paydesk.language';

/** Category, priority and clock names come from the server's label tables, so both speak alike. */
function domainStrings(language: Language) {
  const pick = (table: Record<string, Record<Language, string>>) => Object.fromEntries(Object.entries(table).map(([key, label]) => [key, label[language]]));
  return { category: pick(categoryLabels), priority: pick(priorityLabels), clockName: pick(clockLabels) };
}

export function initialLanguage(): Language {
  return asLanguage(localStorage.getItem(LANGUAGE_KEY)) ?? 'zh-CN';
}

export function setupI18n(): Promise<typeof i18next> {
  return initI18n(initialLanguage(), (language) => resourcesFor(language, { common: common[language], domain: domainStrings(language) }, namespaces), setApiLanguage);
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  await applyLanguage(language, setApiLanguage);
}
