// The one-tag chat widget for merchants' sites (built to /widget.js):
//   <script src="https://desk.example.com/widget.js" data-tenant="acme" data-locale="zh-CN" async></script>
// A floating round button toggles an iframe with the desk's chat page (/portal/chat?embed=1).
// No framework, one global (window.PaydeskWidget), styles kept inside a shadow root.
import { widgetStrings, type WidgetLocale } from './strings';

type PaydeskWidgetApi = { open(): void; close(): void };

declare global {
  interface Window {
    PaydeskWidget?: PaydeskWidgetApi;
  }
}

const chatIcon = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-2c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3zm-4 9.8a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6zm4 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6zm4 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6z"/></svg>';
const closeIcon = '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>';

function styles(side: 'left' | 'right'): string {
  return `
:host { all: initial; }
.bubble { position: fixed; ${side}: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: none; padding: 0;
  background: #1677ff; color: #fff; cursor: pointer; box-shadow: 0 6px 16px rgba(0,0,0,.2); display: flex; align-items: center;
  justify-content: center; z-index: 2147483000; transition: transform .15s ease; }
.bubble:hover { transform: scale(1.06); }
.bubble:focus-visible { outline: 3px solid #91caff; outline-offset: 2px; }
.dot { position: absolute; top: 4px; ${side === 'right' ? 'right' : 'left'}: 4px; width: 12px; height: 12px; border-radius: 50%;
  background: #ff4d4f; border: 2px solid #fff; display: none; }
.bubble[data-unread="true"] .dot { display: block; }
.panel { position: fixed; ${side}: 20px; bottom: 88px; width: 400px; height: 600px; max-height: calc(100vh - 108px);
  max-width: calc(100vw - 40px); border-radius: 12px; overflow: hidden; box-shadow: 0 12px 32px rgba(0,0,0,.25);
  background: #fff; z-index: 2147483000; display: none; }
.panel[data-open="true"] { display: block; }
iframe { border: 0; width: 100%; height: 100%; display: block; }
@media (max-width: 480px) {
  .panel { left: 0; right: 0; top: 0; bottom: 0; width: 100%; height: 100%; max-height: none; max-width: none; border-radius: 0; }
  .panel[data-open="true"] + .bubble { display: none; }
}`;
}

function readStored(key: string): unknown {
  try {
    return JSON.parse(window.localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function writeStored(key: string, value: unknown): void {
  try {
    const session = value as { id?: unknown; token?: unknown } | null;
    if (session && typeof session.id === 'string' && typeof session.token === 'string') window.localStorage.setItem(key, JSON.stringify({ id: session.id.slice(0, 64), token: session.token.slice(0, 200) }));
    else window.localStorage.removeItem(key);
  } catch {
    // this page has no storage either: the chat lasts as long as the page
  }
}

function start(script: HTMLScriptElement): void {
  const origin = new URL(script.src, window.location.href).origin;
  const locale: WidgetLocale = script.dataset.locale === 'en' ? 'en' : 'zh-CN';
  const side = /left/i.test(script.dataset.position ?? '') ? 'left' : 'right';
  const words = widgetStrings[locale];

  const host = document.createElement('div');
  host.setAttribute('data-paydesk-widget', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = styles(side);
  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', words.frameTitle);
  panel.id = 'paydesk-chat-panel';
  const bubble = document.createElement('button');
  bubble.type = 'button';
  bubble.className = 'bubble';
  bubble.setAttribute('aria-controls', panel.id);
  shadow.append(style, panel, bubble);

  let frame: HTMLIFrameElement | null = null;
  let isOpen = false;

  const render = () => {
    panel.dataset.open = String(isOpen);
    bubble.setAttribute('aria-expanded', String(isOpen));
    bubble.setAttribute('aria-label', isOpen ? words.close : words.open);
    bubble.title = isOpen ? words.close : words.open;
    bubble.innerHTML = `${isOpen ? closeIcon : chatIcon}<span class="dot" aria-hidden="true"></span>`;
    if (isOpen) bubble.dataset.unread = 'false';
  };

  const frameUrl = () => {
    const url = new URL('/portal/chat', origin);
    if (script.dataset.tenant) url.searchParams.set('tenant', script.dataset.tenant);
    url.searchParams.set('locale', locale);
    url.searchParams.set('embed', '1');
    url.searchParams.set('page', `${window.location.origin}${window.location.pathname}`);
    return url.href;
  };

  const open = () => {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.title = words.frameTitle;
      frame.src = frameUrl();
      panel.append(frame);
    }
    isOpen = true;
    render();
    frame.focus();
  };
  const close = () => {
    isOpen = false;
    render();
  };

  bubble.addEventListener('click', () => (isOpen ? close() : open()));
  // The chat page asks to be closed (its own close button, full-screen on phones), flags news, or,
  // when the browser refuses it storage of its own, keeps its conversation in this page's storage.
  window.addEventListener('message', (event) => {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as { type?: unknown; tenant?: unknown; session?: unknown };
    if (data.type === 'paydesk:close') close();
    else if (data.type === 'paydesk:message' && !isOpen) bubble.dataset.unread = 'true';
    else if (typeof data.tenant === 'string' && /^[\w-]{1,63}$/.test(data.tenant)) {
      const key = `paydesk.chat.${data.tenant}`;
      if (data.type === 'paydesk:get-session') frame.contentWindow?.postMessage({ type: 'paydesk:session', tenant: data.tenant, session: readStored(key) }, origin);
      else if (data.type === 'paydesk:save-session') writeStored(key, data.session);
      else if (data.type === 'paydesk:forget-session') writeStored(key, null);
    }
  });

  render();
  document.body.append(host);
  window.PaydeskWidget = { open, close };
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement && !window.PaydeskWidget) {
  if (document.body) start(current);
  else document.addEventListener('DOMContentLoaded', () => start(current), { once: true });
}
