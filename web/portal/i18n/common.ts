// Strings shared by every portal page. Each page keeps its own namespace file next to this one;
// test/web/portal-i18n.test.ts checks that zh-CN and en have exactly the same keys everywhere.
export const common = {
  'zh-CN': {
    app: { title: '{{tenant}} 帮助中心', fallbackTitle: '帮助中心', poweredBy: '由 Paydesk 提供支持' },
    nav: { home: '帮助中心首页', language: '语言', zh: '中文', en: 'EN' },
    actions: { getHelp: '提交问题', chat: '在线咨询', back: '返回', retry: '重试', copy: '复制链接', copied: '已复制', home: '返回帮助中心', send: '发送' },
    state: {
      loading: '加载中…',
      error: '加载失败：{{message}}',
      network: '无法连接服务器，请检查网络后重试。',
      notFound: '页面不存在',
      crashed: '这个页面无法显示，请刷新后重试。',
      reload: '刷新页面',
    },
    caseStatus: { new: '已收到', open: '处理中', pending_customer: '等待您回复', pending_internal: '处理中', paused: '处理中', resolved: '已解决', closed: '已关闭' },
    upload: {
      button: '选择文件',
      hint: '支持 PNG、JPEG、GIF、WebP 图片和 PDF，每个文件不超过 {{size}} MB。',
      tooLarge: '{{name}} 超过 {{size}} MB，请压缩后再上传。',
      badType: '{{name}} 的格式不支持，请上传 PNG、JPEG、GIF、WebP 或 PDF。',
    },
    sender: { bot: '自动助手', agent: '客服', you: '您' },
    resolution: {
      full_refund: '已全额退款', partial_refund: '已部分退款', customer_withdrew: '您已撤回', agreed: '已协商一致', fixed: '问题已修复',
      explained: '已解释说明', duplicate: '与其他案件重复', no_response: '未收到回复，已结束', rejected: '未予支持',
    },
  },
  en: {
    app: { title: '{{tenant}} Help Center', fallbackTitle: 'Help Center', poweredBy: 'Powered by Paydesk' },
    nav: { home: 'Help Center home', language: 'Language', zh: '中文', en: 'EN' },
    actions: { getHelp: 'Get help', chat: 'Chat with us', back: 'Back', retry: 'Try again', copy: 'Copy link', copied: 'Copied', home: 'Back to the Help Center', send: 'Send' },
    state: {
      loading: 'Loading…',
      error: 'Could not load: {{message}}',
      network: 'Cannot reach the server. Check your connection and try again.',
      notFound: 'This page does not exist',
      crashed: 'This page cannot be shown. Please reload and try again.',
      reload: 'Reload',
    },
    caseStatus: { new: 'Received', open: 'In progress', pending_customer: 'Waiting for your reply', pending_internal: 'In progress', paused: 'In progress', resolved: 'Resolved', closed: 'Closed' },
    upload: {
      button: 'Choose files',
      hint: 'PNG, JPEG, GIF, WebP images and PDF, up to {{size}} MB each.',
      tooLarge: '{{name}} is larger than {{size}} MB. Please make it smaller and try again.',
      badType: '{{name}} is not a supported type. Please upload PNG, JPEG, GIF, WebP or PDF.',
    },
    sender: { bot: 'Bot', agent: 'Support', you: 'You' },
    resolution: {
      full_refund: 'Fully refunded', partial_refund: 'Partly refunded', customer_withdrew: 'Withdrawn by you', agreed: 'Agreed', fixed: 'Fixed',
      explained: 'Explained', duplicate: 'Duplicate of another case', no_response: 'Closed without a reply', rejected: 'Not upheld',
    },
  },
};
