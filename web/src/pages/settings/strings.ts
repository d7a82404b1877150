export const settings = {
  'zh-CN': {
    title: '设置',
    tab: { users: '用户与令牌', teams: '团队与排班', sla: 'SLA 策略', calendars: '工作日历', notifications: '通知渠道', integrations: '平台集成' },
    // Shared by the settings areas (settings/shared/).
    secret: { set: '已设置', notSet: '未设置', keep: '已设置（留空则保持不变）', notSetYet: '尚未设置' },
    form: { discard: '放弃修改', unsaved: '有未保存的修改' },
  },
  en: {
    title: 'Settings',
    tab: { users: 'Users and tokens', teams: 'Teams and schedules', sla: 'SLA policies', calendars: 'Calendars', notifications: 'Notification channels', integrations: 'Integrations' },
    secret: { set: 'Set', notSet: 'Not set', keep: 'Set (leave empty to keep it)', notSetYet: 'Not set yet' },
    form: { discard: 'Discard changes', unsaved: 'Unsaved changes' },
  },
} as const;
