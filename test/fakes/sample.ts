import assert from 'node:assert/strict';
import { DeliveryError, type NotificationMessage, type SenderDeps } from '../../src/notify/senders/types.js';

/** A rendered-looking message with Chinese text and a link on the last line, like the templates make. */
export function sampleMessage(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  return {
    id: '0b7c6a52-4f7e-4a36-9a55-2d5f0c1e9a01',
    event: 'sla.reminder',
    title: '【SLA 提醒】工单 #1024 平台首次回复 剩余 1小时30分钟',
    text: 'SLA 提醒：平台首次回复将在 1小时30分钟 后到期\n工单：#1024 退款未到账\n客户：李雷\n查看工单：https://desk.example.cn/cases/1024',
    markdown: '**SLA 提醒：平台首次回复将在 1小时30分钟 后到期**\n\n> 工单：#1024 退款未到账  \n> 客户：李雷\n\n[查看工单](https://desk.example.cn/cases/1024)',
    link: 'https://desk.example.cn/cases/1024',
    payload: { number: 1024, clock: 'platform_reply' },
    ...overrides,
  };
}

/** Real network (global fetch) and a clock that defaults to now. */
export function realDeps(overrides: Partial<SenderDeps> = {}): SenderDeps {
  return { fetch: globalThis.fetch, now: () => new Date(), ...overrides };
}

/** Awaits a promise that must reject with a DeliveryError and returns that error. */
export async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DeliveryError, `expected a DeliveryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the send to fail');
}
