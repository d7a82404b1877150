import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from './i18n';

/** Each language named in that language, by design (the same in every interface language). */
const ownNames: Record<Language, string> = { 'zh-CN': '中文', en: 'EN' };

/** The zh-CN / EN switch of the console and the portal; `onChange` is the page's own changeLanguage. */
export function LanguageSwitch({ onChange, labels = ownNames }: { onChange: (language: Language) => Promise<void>; labels?: Record<Language, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('nav.language')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={languages.map((value) => ({ label: labels[value], value }))}
      onChange={(language) => void onChange(language)}
    />
  );
}
