import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('nav.language')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={[
        { label: t('nav.zh'), value: 'zh-CN' },
        { label: t('nav.en'), value: 'en' },
      ]}
      onChange={(language) => void changeLanguage(language)}
    />
  );
}
