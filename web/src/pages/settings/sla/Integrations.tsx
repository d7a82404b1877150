import { Anchor, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { SettingsSection } from '../shared/SettingsSection';
import { Mailboxes } from './Mailboxes';
import { StripeSettings } from './Stripe';
import { WechatPaySettings } from './WechatPay';

/** Where cases come from: WeChat Pay complaints, Stripe disputes and e-mail. */
export function Integrations() {
  const { t } = useTranslation('settingsSla');
  return (
    <SettingsSection id="integrations-title" title={t('integrations.title')} intro={t('integrations.intro')}>
      <Anchor
        direction="horizontal"
        affix={false}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'wechatpay', href: '#wechatpay', title: t('wechatpay.title') },
          { key: 'stripe', href: '#stripe', title: t('stripe.title') },
          { key: 'mailboxes', href: '#mailboxes', title: t('mailboxes.title') },
        ]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <WechatPaySettings />
        <StripeSettings />
        <Mailboxes />
      </Space>
    </SettingsSection>
  );
}
