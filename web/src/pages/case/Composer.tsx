import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Segmented, Select, Space, Typography, Upload, type GetRef, type UploadFile } from 'antd';
import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../api/client';
import type { Attachment, Case, ConductFinding, Customer, Message, Playbook } from '../../api/types';
import { useSession } from '../../api/session';
import { useConductCheck, useConductCheckNow, useInvalidateCase } from './data';
import { newKey, problemText, useFormat } from './format';
import { fillTemplate, templateValues, unfilledPlaceholders } from './template';
import { useDebounced } from './useDebounced';

export type ComposerHandle = { insert(text: string): void };
type Mode = 'reply' | 'note';

/** WeChat Pay refuses longer replies to a complaint. */
const PLATFORM_REPLY_MAX = 200;
const acceptedFiles = '.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.csv,image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv';

function Findings({ findings }: { findings: ConductFinding[] }) {
  const { t } = useTranslation('case');
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {findings.map((finding, index) => (
        <li key={`${finding.rule}-${index}`} data-rule={finding.rule}>
          <Typography.Text strong>{t(`composer.rule.${finding.rule}`, { defaultValue: finding.rule })}</Typography.Text>
          {finding.match && <Typography.Text code>{finding.match}</Typography.Text>} {finding.message}
        </li>
      ))}
    </ul>
  );
}

type Submission = { mode: Mode; text: string; files: UploadFile[] };

export function Composer(props: { item: Case; customer: Customer | undefined; playbook: Playbook | undefined; platformReply: boolean; focusOnLoad: boolean; controlRef: Ref<ComposerHandle> }) {
  const { item, customer, playbook, platformReply, focusOnLoad, controlRef } = props;
  const { t } = useTranslation('case');
  const { language } = useFormat();
  const { message, modal } = App.useApp();
  const { me } = useSession();
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [template, setTemplate] = useState<string | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const [checked, setChecked] = useDebounced(text, 500);
  const textArea = useRef<GetRef<typeof Input.TextArea>>(null);
  const card = useRef<HTMLDivElement>(null);
  const screened = mode === 'reply';
  const conduct = useConductCheck(item.id, checked, screened);
  const checkNow = useConductCheckNow(item.id);
  const invalidate = useInvalidateCase(item.id);

  const insert = (addition: string) => {
    setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${addition}` : addition));
    setMode('reply');
    textArea.current?.focus();
  };
  useImperativeHandle(controlRef, () => ({ insert }));

  useEffect(() => {
    if (!focusOnLoad) return;
    card.current?.scrollIntoView({ block: 'center' });
    textArea.current?.focus();
  }, [focusOnLoad]);

  const submit = useMutation({
    mutationFn: async ({ mode: kind, text: body, files: uploads }: Submission) => {
      let sent: Message | null = null;
      if (body.trim()) {
        sent = await api<Message>(`/cases/${item.id}/messages`, { method: 'POST', body: { direction: kind === 'reply' ? 'outbound' : 'note', body }, idempotencyKey: newKey() });
      }
      const failures: Array<{ uid: string; text: string }> = [];
      let uploaded = 0;
      for (const file of uploads) {
        if (!file.originFileObj) continue;
        const form = new FormData();
        form.append('file', file.originFileObj, file.name);
        try {
          await api<Attachment>(`/cases/${item.id}/attachments`, { method: 'POST', body: form });
          uploaded += 1;
        } catch (error) {
          failures.push({ uid: file.uid, text: t('composer.uploadFailed', { name: file.name, message: problemText(error) }) });
        }
      }
      return { sent, uploaded, failures, kind };
    },
    onSuccess: ({ sent, uploaded, failures, kind }) => {
      if (sent) void message.success(t(kind === 'reply' ? 'composer.sent' : 'composer.noteAdded'));
      if (uploaded > 0) void message.success(t('composer.uploaded', { count: uploaded }));
      for (const failure of failures) void message.error(failure.text);
      setText('');
      setTemplate(null);
      setFiles((current) => current.filter((file) => failures.some((failure) => failure.uid === file.uid)));
      setSendError(null);
    },
    onError: (error) => setSendError(error),
    onSettled: invalidate,
  });

  const characters = [...text].length;
  const tooLong = platformReply && screened && characters > PLATFORM_REPLY_MAX;
  const verdict = screened && text.trim() && conduct.data ? conduct.data : null;
  const blocked = verdict?.decision === 'block' && checked === text;

  const confirmWarnings = (findings: ConductFinding[]) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('composer.confirmTitle'),
        content: (
          <div data-testid="conduct-confirm">
            <Typography.Paragraph>{t('composer.confirmIntro')}</Typography.Paragraph>
            <Findings findings={findings} />
          </div>
        ),
        okText: t('composer.sendAnyway'),
        cancelText: t('common:actions.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  // One send at a time: a second Ctrl+Enter while the conduct check or the post is under way
  // must not post the same reply twice.
  const sending = useRef(false);
  const send = async () => {
    if (sending.current || submit.isPending) return;
    const body = text;
    if (!body.trim() && files.length === 0) {
      void message.warning(t('composer.emptyDraft'));
      return;
    }
    if (tooLong) return;
    sending.current = true;
    try {
      if (screened && body.trim()) {
        setChecked(body);
        try {
          const result = await checkNow(body);
          if (result.decision === 'block') return;
          if (result.decision === 'warn' && !(await confirmWarnings(result.warnings))) return;
        } catch {
          // The server screens the message again on the way in; an unavailable check does not stop a reply.
        }
      }
      await submit.mutateAsync({ mode, text: body, files }).catch(() => undefined);
    } finally {
      sending.current = false;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const values = templateValues(item, customer, me.name);
  const templates = playbook?.reply_templates ?? [];
  const unfilled = unfilledPlaceholders(text);
  const label = t(screened ? 'composer.replyLabel' : 'composer.noteLabel');
  const problem = sendError instanceof ProblemError ? sendError : null;

  return (
    <div ref={card}>
      <Card title={t('composer.title')} data-testid="composer" extra={
        <Segmented<Mode>
          aria-label={t('composer.modeLabel')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'reply', label: t('composer.reply') },
            { value: 'note', label: t('composer.note') },
          ]}
        />
      }>
        <Flex vertical gap={8}>
          {screened && (
            <Select
              aria-label={t('composer.template')}
              style={{ width: '100%' }}
              placeholder={templates.length > 0 ? t('composer.templatePlaceholder') : t('composer.noTemplates')}
              disabled={templates.length === 0}
              value={template}
              onChange={(id: string) => {
                const chosen = templates.find((candidate) => candidate.id === id);
                if (!chosen) return;
                setTemplate(id);
                setText(fillTemplate(chosen.text[language], values));
                textArea.current?.focus();
              }}
              options={templates.map((candidate) => {
                const filled = fillTemplate(candidate.text[language], values);
                return { value: candidate.id, label: filled.length > 60 ? `${filled.slice(0, 60)}…` : filled };
              })}
            />
          )}
          <label htmlFor="case-composer-text" style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            {label}
          </label>
          <Input.TextArea
            id="case-composer-text"
            ref={textArea}
            aria-label={label}
            autoSize={{ minRows: 4, maxRows: 14 }}
            value={text}
            placeholder={t(screened ? 'composer.replyPlaceholder' : 'composer.notePlaceholder')}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            status={blocked || tooLong ? 'error' : verdict?.decision === 'warn' ? 'warning' : undefined}
            style={screened ? undefined : { background: '#fffbe6' }}
          />
          {platformReply && screened && (
            <Typography.Text type={tooLong ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {tooLong ? t('composer.platformLimit', { max: PLATFORM_REPLY_MAX, count: characters }) : `${t('composer.platformHint')} ${characters} / ${PLATFORM_REPLY_MAX}`}
            </Typography.Text>
          )}
          {unfilled.length > 0 && <Alert type="info" showIcon title={t('composer.unfilled', { names: unfilled.map((name) => `{${name}}`).join(' ') })} />}
          {screened && text.trim() !== '' && (
            <div aria-live="polite" data-testid="conduct-status" data-decision={verdict?.decision ?? 'pending'}>
              {conduct.isError ? (
                <Alert type="info" showIcon title={t('composer.checkFailed', { message: problemText(conduct.error) })} />
              ) : verdict?.decision === 'block' ? (
                <Alert type="error" showIcon title={t('composer.conductBlock')} description={<Findings findings={verdict.warnings} />} data-testid="conduct-block" />
              ) : verdict?.decision === 'warn' ? (
                <Alert type="warning" showIcon title={t('composer.conductWarn')} description={<Findings findings={verdict.warnings} />} data-testid="conduct-warn" />
              ) : checked !== text || conduct.isFetching ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('composer.checking')}
                </Typography.Text>
              ) : verdict?.decision === 'ok' ? (
                <Typography.Text type="success" style={{ fontSize: 12 }} data-testid="conduct-ok">
                  {t('composer.conductOk')}
                </Typography.Text>
              ) : null}
            </div>
          )}
          {sendError !== null && (
            <Alert
              type="error"
              showIcon
              closable={{ onClose: () => setSendError(null) }}
              title={problem ? problem.title : t('composer.sendFailed')}
              description={problem ? [problem.detail, ...problem.errors.map((error) => error.message)].filter(Boolean).join(' — ') || undefined : problemText(sendError)}
              data-testid="send-error"
            />
          )}
          <Flex justify="space-between" align="flex-start" wrap gap={8}>
            <Upload multiple accept={acceptedFiles} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
              <Button icon={<PaperClipOutlined />} aria-label={t('composer.attach')}>
                {t('composer.attach')}
              </Button>
            </Upload>
            <Space>
              <Button
                type="primary"
                icon={<SendOutlined />}
                onClick={() => void send()}
                loading={submit.isPending}
                disabled={blocked || tooLong}
                data-testid="composer-send"
              >
                {!text.trim() && files.length > 0 ? t('composer.uploadOnly') : t(screened ? 'composer.send' : 'composer.addNote')}
              </Button>
            </Space>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('composer.attachHint')}
          </Typography.Text>
        </Flex>
      </Card>
    </div>
  );
}
