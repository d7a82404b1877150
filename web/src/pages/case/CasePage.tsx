// The case workspace: one payment problem from first look to resolution.
import { useRef } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Col, Flex, Result, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api/client';
import { useSession } from '../../api/session';
import { LoadError, Loading } from '../../components/states';
import { AttachmentsPanel } from './Attachments';
import { CaseHeader } from './CaseHeader';
import { CaseTimeline } from './CaseTimeline';
import { ClocksPanel } from './ClocksPanel';
import { Composer, type ComposerHandle } from './Composer';
import { CustomerPanel } from './CustomerPanel';
import { useAttachments, useCalls, useCase, useComplaint, useCustomer, useDispute, useFollowUps, useMessages, usePlaybook, useTimeline } from './data';
import { DiagnosisPanel } from './DiagnosisPanel';
import { FollowUps } from './FollowUps';
import { KbSuggestions } from './KbSuggestions';
import { StripePanel } from './StripePanel';
import { Transitions } from './Transitions';
import { WechatPayPanel } from './WechatPayPanel';

function NotFound() {
  const { t } = useTranslation('case');
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.body')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('backToQueue')}
        </Button>
      }
      data-testid="case-not-found"
    />
  );
}

export default function CasePage() {
  const { t } = useTranslation('case');
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { can } = useSession();
  const editable = can('admin', 'supervisor', 'agent');
  const composer = useRef<ComposerHandle>(null);

  const caseQuery = useCase(id);
  const ready = caseQuery.isSuccess;
  const messages = useMessages(id, ready);
  const timeline = useTimeline(id, ready);
  const calls = useCalls(id, ready);
  const attachments = useAttachments(id, ready);
  const followUps = useFollowUps(id, ready);
  const customer = useCustomer(id, caseQuery.data?.customer_id);
  const playbook = usePlaybook(caseQuery.data?.category);
  // Only cases a platform opened have a platform record; the timeline says which (others would 404).
  const events = timeline.data ?? [];
  const fromComplaint = events.some((event) => event.type === 'wechatpay.complaint_received');
  const fromDispute = events.some((event) => event.type === 'dispute.opened');
  const complaint = useComplaint(id, fromComplaint);
  const dispute = useDispute(id, fromDispute);

  if (caseQuery.isLoading) return <Loading />;
  if (caseQuery.isError) {
    const error = caseQuery.error;
    if (error instanceof ProblemError && (error.status === 404 || error.status === 400)) return <NotFound />;
    // A refresh that failed for a moment (network, restart) keeps the case on screen with what the
    // agent was typing or choosing; only a case that never loaded shows the error page.
    if (!caseQuery.data) return <LoadError error={error} onRetry={() => void caseQuery.refetch()} />;
  }
  const item = caseQuery.data;
  if (!item) return <NotFound />;
  const repeatNumber = item.repeat_of ? (customer.data?.cases.find((other) => other.id === item.repeat_of)?.number ?? null) : null;
  const insert = (text: string) => composer.current?.insert(text);

  return (
    <Flex vertical gap={16} data-testid="case-workspace" data-case-id={item.id}>
      <CaseHeader item={item} editable={editable} repeatNumber={repeatNumber} actions={editable ? <Transitions item={item} complaint={complaint.data} messages={messages.data ?? []} /> : null} />
      {!editable && <Alert type="info" showIcon title={t('viewOnly')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <CaseTimeline messages={messages} events={timeline} calls={calls} attachments={attachments} />
            {editable && <Composer item={item} customer={customer.data} playbook={playbook.data} platformReply={fromComplaint} focusOnLoad={search.get('reply') === '1'} controlRef={composer} />}
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            {fromComplaint && <WechatPayPanel item={item} complaint={complaint} events={events} editable={editable} />}
            {fromDispute && <StripePanel item={item} dispute={dispute} editable={editable} />}
            <ClocksPanel clocks={item.clocks} />
            <CustomerPanel item={item} customer={customer} />
            <DiagnosisPanel item={item} playbook={playbook} messages={messages.data ?? []} customer={customer.data} editable={editable} onInsert={insert} />
            <KbSuggestions item={item} editable={editable} onInsert={insert} />
            <FollowUps caseId={item.id} followUps={followUps} editable={editable} />
            <AttachmentsPanel attachments={attachments} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
