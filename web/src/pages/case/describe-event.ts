// One line saying what an audit event did, in the console's language.
import type { TFunction } from 'i18next';
import type { TimelineItem } from '../../api/types';

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function eventTitle(t: TFunction, type: string): string {
  return t(`case:timeline.event.${type}`, { defaultValue: type });
}

export function ruleNames(t: TFunction, rules: string[]): string {
  return [...new Set(rules)].map((rule) => t(`case:composer.rule.${rule}`, { defaultValue: rule })).join(t('case:listSeparator'));
}

export function describeEvent(t: TFunction, event: TimelineItem, time: (iso: string) => string): string[] {
  const payload = event.payload;
  const lines: string[] = [];
  const status = (value: unknown) => (str(value) ? t(`common:status.${String(value)}`) : '—');
  switch (event.type) {
    case 'case.status_changed':
    case 'case.reopened': {
      lines.push(t('case:timeline.statusChange', { from: status(payload.from), to: status(payload.to) }));
      const resolution = str(payload.resolution);
      if (resolution) lines.push(t('case:header.resolution', { resolution: t(`common:resolution.${resolution}`) }));
      break;
    }
    case 'case.updated':
    case 'case.assigned': {
      const changes = payload.changes && typeof payload.changes === 'object' ? Object.keys(payload.changes) : [];
      if (changes.length > 0) lines.push(t('case:timeline.changes', { fields: changes.join(', ') }));
      break;
    }
    case 'case.escalated':
      lines.push(t('case:timeline.escalatedTo', { team: str(payload.to) ?? '—' }));
      break;
    case 'sla.breached':
      lines.push(t('case:timeline.slaBreached', { clock: t(`domain:clockName.${str(payload.clock) ?? ''}`, { defaultValue: str(payload.clock) ?? '' }) }));
      break;
    case 'case.repeat_linked':
      lines.push(t('case:timeline.repeatLinked', { number: typeof payload.repeat_of_number === 'number' ? payload.repeat_of_number : '?' }));
      break;
    case 'case.category_corrected':
      lines.push(t('case:timeline.categoryCorrected', { category: t(`domain:category.${str(payload.to) ?? ''}`, { defaultValue: str(payload.to) ?? '' }) }));
      break;
    case 'case.tags_changed':
      lines.push(t('case:timeline.tagsChanged', { tags: list(payload.to).join(', ') || '—' }));
      break;
    case 'follow_up.promised':
      lines.push(t('case:timeline.followUpPromised', { note: str(payload.note) ?? '', due: time(str(payload.due_at) ?? '') }));
      break;
    case 'conduct.warned':
    case 'conduct.blocked': {
      const matches = list(payload.matches).filter(Boolean);
      lines.push(`${ruleNames(t, list(payload.rules))}${matches.length > 0 ? ` — ${matches.map((match) => `“${match}”`).join(' ')}` : ''}`);
      break;
    }
    case 'wechatpay.history': {
      const operate = str(payload.operate_type);
      if (operate) lines.push(t(`case:wechatpay.operate.${operate}`, { defaultValue: operate }));
      const details = str(payload.details);
      if (details) lines.push(details);
      break;
    }
    case 'message.added': {
      const body = str(payload.body);
      if (body) lines.push(body);
      break;
    }
    default:
      break;
  }
  const reason = str(payload.reason);
  if (reason && event.type !== 'case.escalated') lines.push(t('case:timeline.reason', { reason }));
  else if (reason) lines.push(reason);
  return lines;
}
