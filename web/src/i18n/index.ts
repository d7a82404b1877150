import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { categoryLabels, clockLabels, priorityLabels } from '../api/domain';
import { setApiLanguage } from '../api/client';
import { common } from './common';
import { namespaces } from './namespaces';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const LANGUAGE_KEY = 'paydesk.language';

/** Category, priority and clock names come from the server's label tables, so both speak alike. */
function domainStrings(language: Language) {
  const pick = (table: Record<string, Record<Language, string>>) => Object.fromEntries(Object.entries(table).map(([key, label]) => [key, label[language]]));
  return { category: pick(categoryLabels), priority: pick(priorityLabels), clockName: pick(clockLabels) };
}

function resourcesFor(language: Language) {
  const resources: Record<string, object> = { common: common[language], domain: domainStrings(language) };
  for (const [name, strings] of Object.entries(namespaces)) resources[name] = strings[language];
  return resources;
}

export function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export async function setupI18n(): Promise<typeof i18next> {
  const language = initialLanguage();
  setApiLanguage(language);
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    ns: ['common', 'domain', ...Object.keys(namespaces)],
    defaultNS: 'common',
    resources: { 'zh-CN': resourcesFor('zh-CN'), en: resourcesFor('en') },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  setApiLanguage(language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
