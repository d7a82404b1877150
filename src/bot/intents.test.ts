import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectIntent } from './intents.js';

const expect = (cases: Array<[string, ReturnType<typeof detectIntent>]>) => {
  for (const [text, intent] of cases) assert.equal(detectIntent(text), intent, JSON.stringify(text));
};

describe('bot intents', () => {
  it('hears a request for a person in Chinese and English', () => {
    expect([
      ['转人工', 'handoff'],
      ['人工', 'handoff'],
      ['人工客服', 'handoff'],
      ['我要找真人', 'handoff'],
      ['帮我找客服', 'handoff'],
      ['有人工客服吗？', 'handoff'],
      ['你是机器人吗？我要人工', 'handoff'],
      ['talk to a person', 'handoff'],
      ['Can I speak with a human?', 'handoff'],
      ['I need an agent', 'handoff'],
      ['representative', 'handoff'],
      ['Human please!', 'handoff'],
      ['get me a real person', 'handoff'],
    ]);
  });

  it('does not hand off when the visitor says they do not want a person or uses the word in passing', () => {
    expect([
      ['我不要人工', null],
      ['不用转人工，我自己试试', null],
      ['不需要人工客服', null],
      ['人工智能推荐的商品付款失败', null],
      ['客服说会退款', null],
      ["I don't want to talk to a human", null],
      ['no need for an agent, just tell me the code', null],
      ['the agent at the shop said my card was declined', null],
    ]);
  });

  it('stops only when the bot itself is asked to stop', () => {
    expect([
      ['别回复了', 'stop'],
      ['不要再回复了', 'stop'],
      ['不要机器人', 'stop'],
      ['停止自动回复', 'stop'],
      ['停', 'stop'],
      ['stop', 'stop'],
      ['Please stop!', 'stop'],
      ['stop replying', 'stop'],
      ['be quiet', 'stop'],
    ]);
    expect([
      ['stop charging me', null],
      ['please stop the subscription', null],
      ['停止扣款', null],
      ['怎么停止自动续费', null],
    ]);
  });

  it('recognises a solved problem and not a question or a negation of it', () => {
    expect([
      ['解决了', 'solved'],
      ['好了谢谢', 'solved'],
      ['问题已经解决了，谢谢', 'solved'],
      ['that solved it', 'solved'],
      ['It works now, thanks!', 'solved'],
      ['problem solved', 'solved'],
    ]);
    expect([
      ['还没解决', null],
      ['没有解决', null],
      ['解决了吗？', null],
      ['付款成功了，但是订单还是显示未付款', null],
      ["it still doesn't work", null],
      ['that has not solved it', null],
      ['Is it working now?', null],
    ]);
  });

  it('answers "are you a bot" without taking it as a request for a person', () => {
    expect([
      ['你是机器人吗', 'identity'],
      ['你是真人吗？', 'identity'],
      ['are you a bot?', 'identity'],
      ['Are you a real person?', 'identity'],
    ]);
  });

  it('leaves problem descriptions alone', () => {
    expect([
      ['我用银行卡付款失败了，提示余额不足', null],
      ['I was charged twice for order #123456', null],
      ['4200001234202611271234567890', null],
    ]);
  });
});
