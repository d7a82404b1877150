// The i18next wiring the console and the customer portal share: the two languages, the resources
// each page builds from its own dictionaries, and what a language change touches.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

/** `value` when it names one of the languages, else null. */
export function asLanguage(value: string | null | undefined): Language | null {
  return value === 'en' || value === 'zh-CN' ? value : null;
}

type Dictionaries = Record<string, Record<Language, object>>;

/** One language's resources: the given fixed namespaces (`common`, …) then one per screen. */
export function resourcesFor(language: Language, fixed: Record<string, object>, namespaces: Dictionaries): Record<string, object> {
  const resources: Record<string, object> = { ...fixed };
  for (const [name, strings] of Object.entries(namespaces)) resources[name] = strings[language];
  return resources;
}

/**
 * Starts i18next in `language` with both languages' resources (namespaces in their order, the
 * first is the default), after telling the API client which language to ask for.
 */
export async function initI18n(language: Language, resources: (language: Language) => Record<string, object>, setApiLanguage: (language: Language) => void): Promise<typeof i18next> {
  setApiLanguage(language);
  const zh = resources('zh-CN');
  const ns = Object.keys(zh);
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    ns,
    defaultNS: ns[0],
    resources: { 'zh-CN': zh, en: resources('en') },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

/** Switches the API client, the page's `lang` and i18next to `language` (storing the choice is the caller's). */
export async function applyLanguage(language: Language, setApiLanguage: (language: Language) => void): Promise<void> {
  setApiLanguage(language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
