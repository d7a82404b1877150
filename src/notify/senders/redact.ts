import type { ChannelConfig } from './config.js';

const dots = '••••';

/** '••••' plus the last 4 characters, enough to tell two secrets apart; short values are hidden whole. */
export function mask(value: string): string {
  return value.length > 8 ? `${dots}${value.slice(-4)}` : dots;
}

// Slack and Feishu put the token in the path, not the query: long opaque segments are treated as secrets.
const tokenLike = /^[A-Za-z0-9_-]{16,}$/;

const decoded = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** A URL fit for logs and error messages: query values, password and token-like path segments masked. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(invalid URL)';
  }
  const path = parsed.pathname
    .split('/')
    .map((segment) => (tokenLike.test(segment) ? mask(segment) : segment))
    .join('/');
  const query = [...parsed.searchParams].map(([name, value]) => `${encodeURIComponent(name)}=${mask(value)}`);
  // Built by hand so the masking dots stay readable instead of percent-encoded.
  const user = tokenLike.test(parsed.username) ? mask(parsed.username) : parsed.username;
  const auth = parsed.username || parsed.password ? `${user}${parsed.password ? `:${mask(decoded(parsed.password))}` : ''}@` : '';
  return `${parsed.protocol}//${auth}${parsed.host}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/** Every secret value a config holds, so error texts can be scrubbed of them. */
export function secretsOf(config: ChannelConfig): string[] {
  const found: string[] = [];
  if ('url' in config) {
    try {
      const parsed = new URL(config.url);
      for (const [, value] of parsed.searchParams) found.push(value);
      for (const segment of parsed.pathname.split('/')) if (tokenLike.test(segment)) found.push(segment);
      if (parsed.password) found.push(decoded(parsed.password));
      if (tokenLike.test(parsed.username)) found.push(parsed.username);
    } catch {
      // an invalid URL never reached the network
    }
  }
  if ('secret' in config && config.secret) found.push(config.secret);
  if (config.kind === 'email' && config.password) found.push(config.password);
  return found.filter((value) => value.length >= 4);
}

/** Replaces any of `secrets` inside text coming back from a platform (errmsg, SMTP reply) and caps its length. */
export function scrub(text: string, secrets: readonly string[], max = 300): string {
  let clean = text;
  for (const secret of secrets) clean = clean.split(secret).join(dots);
  clean = clean.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The config as API responses may show it: URL tokens, secrets and passwords masked. */
export function redactConfig(config: ChannelConfig): ChannelConfig {
  switch (config.kind) {
    case 'wecom':
    case 'slack':
      return { ...config, url: redactUrl(config.url) };
    case 'dingtalk':
    case 'feishu':
      return { ...config, url: redactUrl(config.url), ...(config.secret === undefined ? {} : { secret: mask(config.secret) }) };
    case 'webhook':
      return { ...config, url: redactUrl(config.url), secret: mask(config.secret) };
    case 'email':
      return { ...config, ...(config.password === undefined ? {} : { password: mask(config.password) }) };
  }
}
