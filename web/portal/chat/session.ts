// Which conversation this browser is in, per tenant: its id and the visitor's secret token.
// Kept in this page's localStorage. Inside the widget's iframe on a merchant's site, browsers that
// block third-party storage refuse that; then the widget loader keeps it in the merchant page's
// storage for us (postMessage both ways, checked origins), so a reload still finds the chat.
import { publicApi } from '../api/client';
import type { ChatStart, Locale } from '../api/types';

export type ChatSession = { id: string; token: string };

const key = (tenant: string) => `paydesk.chat.${tenant}`;
const ASK_PARENT_MS = 1_500;

function valid(value: unknown): ChatSession | null {
  const session = value as Partial<ChatSession> | null;
  return session && typeof session.id === 'string' && typeof session.token === 'string' && session.id.length <= 64 && session.token.length <= 200 ? { id: session.id, token: session.token } : null;
}

/** The merchant page around the widget's iframe, if any, and its origin. */
function embedder(): { window: Window; origin: string } | null {
  if (window.parent === window) return null;
  const fromAncestors = window.location.ancestorOrigins?.[0];
  let origin = fromAncestors ?? '';
  if (!origin) {
    try {
      origin = document.referrer ? new URL(document.referrer).origin : '';
    } catch {
      origin = '';
    }
  }
  return origin ? { window: window.parent, origin } : null;
}

function ownStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    storage.getItem('paydesk.probe');
    return storage;
  } catch {
    return null;
  }
}

function askEmbedder(tenant: string): Promise<ChatSession | null> {
  const parent = embedder();
  if (!parent) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (session: ChatSession | null) => {
      window.removeEventListener('message', listen);
      clearTimeout(timer);
      resolve(session);
    };
    const listen = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; tenant?: unknown; session?: unknown } | null;
      if (event.source !== parent.window || event.origin !== parent.origin || data?.type !== 'paydesk:session' || data.tenant !== tenant) return;
      done(valid(data.session));
    };
    const timer = setTimeout(() => done(null), ASK_PARENT_MS);
    window.addEventListener('message', listen);
    parent.window.postMessage({ type: 'paydesk:get-session', tenant }, parent.origin);
  });
}

function tellEmbedder(message: Record<string, unknown>): void {
  const parent = embedder();
  parent?.window.postMessage(message, parent.origin);
}

export async function storedSession(tenant: string): Promise<ChatSession | null> {
  const storage = ownStorage();
  if (!storage) return askEmbedder(tenant);
  try {
    return valid(JSON.parse(storage.getItem(key(tenant)) ?? 'null'));
  } catch {
    return null;
  }
}

function remember(tenant: string, session: ChatSession): void {
  const storage = ownStorage();
  if (storage) storage.setItem(key(tenant), JSON.stringify(session));
  else tellEmbedder({ type: 'paydesk:save-session', tenant, session });
}

export function forgetSession(tenant: string): void {
  const storage = ownStorage();
  if (storage) storage.removeItem(key(tenant));
  else tellEmbedder({ type: 'paydesk:forget-session', tenant });
}

export async function startSession(tenant: string, input: { locale: Locale; page_url?: string }): Promise<ChatSession> {
  const started = await publicApi<ChatStart>(`/${encodeURIComponent(tenant)}/chat/conversations`, { method: 'POST', body: input });
  const session = { id: started.id, token: started.visitor_token };
  remember(tenant, session);
  return session;
}
