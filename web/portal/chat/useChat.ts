import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { uploadFile } from '../api/client';
import type { ChatAttachment, ConversationState, Locale } from '../api/types';
import { ChatConnection, chatSocketUrl, newClientId, type ConnectionStatus } from './connection';
import { linesReducer, ordered, type Line } from './lines';
import { forgetSession, startSession, storedSession, type ChatSession } from './session';

/** A message not acknowledged this long while connected is shown as failed, with "send again". */
const ACK_TIMEOUT_MS = 15_000;
const TYPING_SHOWN_MS = 10_000;

export type Chat = {
  session: ChatSession | null;
  startError: unknown;
  lines: Line[];
  conversation: ConversationState | null;
  connection: ConnectionStatus;
  agentReadSeq: number;
  typing: 'agent' | 'bot' | null;
  notice: string | null;
  send(body: string): void;
  sendFile(file: File): Promise<void>;
  retry(line: Line): void;
  action(type: 'handoff' | 'solved'): void;
  visitorTyping(): void;
  restart(): void;
};

/** The chat with the desk for one tenant: starts or resumes the conversation and keeps it live. */
export function useChat(tenant: string | null, locale: Locale, pageUrl: string | undefined, onIncoming: () => void): Chat {
  const [session, setSession] = useState<ChatSession | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [lines, dispatch] = useReducer(linesReducer, new Map<string, Line>());
  const [conversation, setConversation] = useState<ConversationState | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [agentReadSeq, setAgentReadSeq] = useState(0);
  const [typing, setTyping] = useState<'agent' | 'bot' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const socket = useRef<ChatConnection | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const visitorTypingSince = useRef(0);
  const visitorTypingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const readSent = useRef(0);
  const restarts = useRef(0);
  const incoming = useRef(onIncoming);
  incoming.current = onIncoming;

  // Resume the stored conversation, or start one.
  useEffect(() => {
    if (!tenant) return;
    let cancelled = false;
    void (async () => {
      try {
        const session = (await storedSession(tenant)) ?? (await startSession(tenant, { locale, ...(pageUrl ? { page_url: pageUrl } : {}) }));
        if (!cancelled) setSession(session);
      } catch (error) {
        if (!cancelled) setStartError(error);
      }
    })();
    return () => {
      cancelled = true;
    };
    // The language may change later; the conversation stays.
  }, [tenant, generation]);

  useEffect(() => {
    if (!session || !tenant) return;
    let initial = true;
    const connection = new ChatConnection({
      url: chatSocketUrl(),
      conversationId: session.id,
      token: session.token,
      events: {
        status: setStatus,
        ready(state, messages) {
          setConversation(state);
          dispatch({ type: 'server', messages });
          if (!initial && messages.some((message) => message.sender !== 'visitor')) incoming.current();
          initial = false;
          setNotice(null);
        },
        message(message) {
          dispatch({ type: 'server', messages: [message] });
          if (message.sender === 'agent' || message.sender === 'bot') {
            setTyping(null);
            incoming.current();
          }
        },
        ack: (clientId, seq) => dispatch({ type: 'ack', clientId, seq }),
        read: (by, seq) => by === 'agent' && setAgentReadSeq((previous) => Math.max(previous, seq)),
        typing(by, isTyping) {
          if (typingTimer.current) clearTimeout(typingTimer.current);
          setTyping(isTyping ? by : null);
          if (isTyping) typingTimer.current = setTimeout(() => setTyping(null), TYPING_SHOWN_MS);
        },
        state: setConversation,
        error(code, detail, fatal, clientId) {
          if (clientId) dispatch({ type: 'failed', clientIds: [clientId] });
          if (fatal) {
            // The stored conversation is not accepted any more (unknown, closed, bad token): start afresh once.
            forgetSession(tenant);
            if (restarts.current < 1) {
              restarts.current += 1;
              dispatch({ type: 'reset' });
              setSession(null);
              setGeneration((value) => value + 1);
              return;
            }
          }
          setNotice(detail || code);
        },
      },
    });
    socket.current = connection;
    connection.start();
    return () => {
      connection.stop();
      socket.current = null;
    };
  }, [session, tenant]);

  const list = useMemo(() => ordered(lines), [lines]);

  // Messages still unacknowledged long after they were sent on a live connection: let the visitor retry.
  useEffect(() => {
    const timer = setInterval(() => {
      if (!socket.current?.connected) return;
      const late = list.filter((line) => line.pending && !line.pending.failed && Date.now() - line.pending.sentAt > ACK_TIMEOUT_MS).map((line) => line.key);
      if (late.length > 0) dispatch({ type: 'failed', clientIds: late });
    }, 2_000);
    return () => clearInterval(timer);
  }, [list]);

  // Tell the desk what the visitor has seen (only while the page is visible).
  useEffect(() => {
    const markRead = () => {
      if (document.visibilityState !== 'visible' || !socket.current?.connected) return;
      const seen = list.filter((line) => !line.pending && line.sender !== 'visitor' && Number.isFinite(line.seq)).reduce((max, line) => Math.max(max, line.seq), 0);
      if (seen > readSent.current) {
        readSent.current = seen;
        socket.current.markRead(seen);
      }
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [list, status]);

  const stopTyping = useCallback(() => {
    if (visitorTypingTimer.current) clearTimeout(visitorTypingTimer.current);
    if (visitorTypingSince.current) socket.current?.typing(false);
    visitorTypingSince.current = 0;
  }, []);

  const send = useCallback(
    (body: string) => {
      const connection = socket.current;
      if (!connection) return;
      stopTyping();
      const clientId = newClientId();
      dispatch({ type: 'local', clientId, body, attachment: null, at: new Date() });
      connection.send(body, undefined, clientId);
    },
    [stopTyping],
  );

  const sendFile = useCallback(
    async (file: File) => {
      if (!session || !socket.current) return;
      const attachment = await uploadFile<ChatAttachment>(`/chat/conversations/${encodeURIComponent(session.id)}/attachments`, file, file.name, { 'x-visitor-token': session.token });
      const clientId = newClientId();
      dispatch({ type: 'local', clientId, body: '', attachment, at: new Date() });
      socket.current?.send('', attachment.id, clientId);
    },
    [session],
  );

  const retry = useCallback((line: Line) => {
    if (!line.pending || !socket.current) return;
    dispatch({ type: 'retry', clientId: line.key, at: new Date() });
    socket.current.send(line.body, line.pending.attachmentId, line.key);
  }, []);

  const action = useCallback((type: 'handoff' | 'solved') => {
    socket.current?.action(type);
  }, []);

  const visitorTyping = useCallback(() => {
    const now = Date.now();
    if (now - visitorTypingSince.current > 3_000) {
      visitorTypingSince.current = now;
      socket.current?.typing(true);
    }
    if (visitorTypingTimer.current) clearTimeout(visitorTypingTimer.current);
    visitorTypingTimer.current = setTimeout(stopTyping, 4_000);
  }, [stopTyping]);

  const restart = useCallback(() => {
    if (!tenant) return;
    forgetSession(tenant);
    dispatch({ type: 'reset' });
    setConversation(null);
    setAgentReadSeq(0);
    readSent.current = 0;
    setSession(null);
    setGeneration((value) => value + 1);
  }, [tenant]);

  return { session, startError, lines: list, conversation, connection: status, agentReadSeq, typing, notice, send, sendFile, retry, action, visitorTyping, restart };
}
