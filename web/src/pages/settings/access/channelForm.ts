// The notification-channel form: its values, how they come from a stored channel (secrets never
// do: the API masks them and the form only says whether one is set) and how they become a request body.
import type { Channel, ChannelBody, ChannelConfig, ChannelKind, NotificationEventName } from './types';
import { notificationEvents } from './types';

export type ConfigValues = {
  kind: ChannelKind;
  url?: string;
  format?: 'markdown' | 'text';
  mentioned_mobiles?: string[];
  secret?: string;
  /** Edit only: drop the stored optional signing secret instead of entering it again. */
  clear_secret?: boolean;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from?: string;
  to?: string[];
};

export type ChannelValues = {
  name: string;
  locale: 'zh-CN' | 'en';
  enabled: boolean;
  events: NotificationEventName[];
  teams: string[];
  config: ConfigValues;
};

/** What is stored for a channel's write-only fields, read from the masked config. */
export type StoredSecrets = { secret: boolean; password: boolean; host: string | null; unreadable: boolean };

export function storedSecrets(channel: Channel): StoredSecrets {
  const config = channel.config;
  let host: string | null = null;
  if (typeof config.url === 'string') {
    try {
      host = new URL(config.url).host;
    } catch {
      host = null;
    }
  }
  return { secret: typeof config.secret === 'string', password: typeof config.password === 'string', host, unreadable: 'unreadable' in config };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : undefined);

export const defaultPorts = { secure: 465, plain: 587 } as const;

export function blankValues(kind: ChannelKind = 'wecom'): ChannelValues {
  return { name: '', locale: 'zh-CN', enabled: true, events: [...notificationEvents], teams: [], config: { kind, format: 'markdown', port: defaultPorts.secure, secure: true, to: [] } };
}

/** The form for an existing channel: every plain field filled in, every secret left empty. */
export function valuesOf(channel: Channel): ChannelValues {
  const config = channel.config;
  const kind = channel.kind as ChannelKind;
  const format = config.format === 'text' ? 'text' : 'markdown';
  const base = blankValues(kind);
  return {
    name: channel.name,
    locale: channel.locale,
    enabled: channel.enabled,
    events: channel.events,
    teams: channel.teams,
    config: {
      ...base.config,
      kind,
      format,
      mentioned_mobiles: list(config.mentioned_mobiles),
      host: text(config.host),
      port: typeof config.port === 'number' ? config.port : base.config.port,
      secure: typeof config.secure === 'boolean' ? config.secure : base.config.secure,
      user: text(config.user),
      from: text(config.from),
      to: list(config.to) ?? [],
    },
  };
}

function configOf(values: ConfigValues): ChannelConfig {
  const url = (values.url ?? '').trim();
  const secret = values.clear_secret ? '' : (values.secret ?? '').trim();
  switch (values.kind) {
    case 'wecom': {
      const mobiles = values.format === 'text' ? (values.mentioned_mobiles ?? []) : [];
      return { kind: 'wecom', url, format: values.format ?? 'markdown', ...(mobiles.length > 0 ? { mentioned_mobiles: mobiles } : {}) };
    }
    case 'dingtalk':
      return { kind: 'dingtalk', url, format: values.format ?? 'markdown', ...(secret ? { secret } : {}) };
    case 'feishu':
      return { kind: 'feishu', url, ...(secret ? { secret } : {}) };
    case 'slack':
      return { kind: 'slack', url };
    case 'webhook':
      return { kind: 'webhook', url, secret };
    case 'email': {
      const user = (values.user ?? '').trim();
      return {
        kind: 'email',
        host: (values.host ?? '').trim(),
        port: values.port ?? defaultPorts.secure,
        secure: values.secure ?? true,
        ...(user ? { user, password: values.password ?? '' } : {}),
        from: (values.from ?? '').trim(),
        to: values.to ?? [],
      };
    }
  }
}

export function bodyOf(values: ChannelValues): ChannelBody {
  return { name: values.name.trim(), config: configOf(values.config), events: values.events, teams: values.teams ?? [], locale: values.locale, enabled: values.enabled };
}

/** A random shared secret for a signed webhook (hex, 32 characters). */
export function randomSecret(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const eventKey = (event: string) => event.replace(/\./g, '_');
