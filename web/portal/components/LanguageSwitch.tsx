import { useTranslation } from 'react-i18next';
import { LanguageSwitch as SharedLanguageSwitch } from '../../shared/LanguageSwitch';
import { changeLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return <SharedLanguageSwitch onChange={changeLanguage} labels={{ 'zh-CN': t('nav.zh'), en: t('nav.en') }} />;
}
