import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setPublicLanguage } from '../api/client';
import { common } from './common';
import { namespaces } from './namespaces';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const LANGUAGE_KEY = 'paydesk.portal.language';

function resourcesFor(language: Language) {
  const resources: Record<string, object> = { common: common[language] };
  for (const [name, strings] of Object.entries(namespaces)) resources[name] = strings[language];
  return resources;
}

function storedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    return stored === 'en' || stored === 'zh-CN' ? stored : null;
  } catch {
    return null; // storage blocked (third-party iframe with strict settings)
  }
}

/** The customer's own choice wins; then `?locale=` (the widget passes the merchant's); then Chinese. */
export function initialLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('locale');
  return storedLanguage() ?? (asked === 'en' || asked === 'zh-CN' ? asked : 'zh-CN');
}

export async function setupI18n(): Promise<typeof i18next> {
  const language = initialLanguage();
  setPublicLanguage(language);
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    ns: ['common', ...Object.keys(namespaces)],
    defaultNS: 'common',
    resources: { 'zh-CN': resourcesFor('zh-CN'), en: resourcesFor('en') },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not persisted; still switch for this page
  }
  setPublicLanguage(language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
