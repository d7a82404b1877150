import type i18next from 'i18next';
import { setPublicLanguage } from '../api/client';
import { applyLanguage, asLanguage, initI18n, resourcesFor, type Language } from '../../shared/i18n';
import { common } from './common';
import { namespaces } from './namespaces';

export { languages, type Language } from '../../shared/i18n';
const LANGUAGE_KEY = 'paydesk.portal.language';

function storedLanguage(): Language | null {
  try {
    return asLanguage(localStorage.getItem(LANGUAGE_KEY));
  } catch {
    return null; // storage blocked (third-party iframe with strict settings)
  }
}

/** The customer's own choice wins; then `?locale=` (the widget passes the merchant's); then Chinese. */
export function initialLanguage(): Language {
  return storedLanguage() ?? asLanguage(new URLSearchParams(window.location.search).get('locale')) ?? 'zh-CN';
}

export function setupI18n(): Promise<typeof i18next> {
  return initI18n(initialLanguage(), (language) => resourcesFor(language, { common: common[language] }, namespaces), setPublicLanguage);
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not persisted; still switch for this page
  }
  await applyLanguage(language, setPublicLanguage);
}
