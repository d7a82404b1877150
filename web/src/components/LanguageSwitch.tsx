import { LanguageSwitch as SharedLanguageSwitch } from '../../shared/LanguageSwitch';
import { changeLanguage } from '../i18n';

export function LanguageSwitch() {
  return <SharedLanguageSwitch onChange={changeLanguage} />;
}
