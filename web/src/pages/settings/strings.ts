export const settings = {
  'zh-CN': {
    title: '设置',
    tab: { users: '用户与令牌', teams: '团队与排班', sla: 'SLA 策略', calendars: '工作日历', notifications: '通知渠道', integrations: '平台集成' },
  },
  en: {
    title: 'Settings',
    tab: { users: 'Users and tokens', teams: 'Teams and schedules', sla: 'SLA policies', calendars: 'Calendars', notifications: 'Notification channels', integrations: 'Integrations' },
  },
} as const;
