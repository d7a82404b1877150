import type { Role } from '../auth/roles.js';
import type { Locale } from '../i18n/i18n.js';
import type { TeamCode } from './scenario.js';

export type DemoAgent = { name: string; email: string; role: Extract<Role, 'agent' | 'supervisor'>; team: TeamCode; locales: readonly Locale[] };

const both = ['zh-CN', 'en'] as const;

/** The support staff a fresh demo desk gets: every team covered, names in both languages. */
export const demoAgents: readonly DemoAgent[] = [
  { name: '张敏', email: 'zhang.min@demo.paydesk.example', role: 'supervisor', team: 'L2', locales: both },
  { name: 'Sarah Lee', email: 'sarah.lee@demo.paydesk.example', role: 'supervisor', team: 'L1', locales: ['en'] },
  { name: '李娜', email: 'li.na@demo.paydesk.example', role: 'agent', team: 'L1', locales: ['zh-CN'] },
  { name: '王磊', email: 'wang.lei@demo.paydesk.example', role: 'agent', team: 'L1', locales: ['zh-CN'] },
  { name: 'Emily Chen', email: 'emily.chen@demo.paydesk.example', role: 'agent', team: 'L1', locales: both },
  { name: 'Jason Lim', email: 'jason.lim@demo.paydesk.example', role: 'agent', team: 'L1', locales: ['en'] },
  { name: '陈晓雯', email: 'chen.xiaowen@demo.paydesk.example', role: 'agent', team: 'L2', locales: both },
  { name: 'Daniel Wong', email: 'daniel.wong@demo.paydesk.example', role: 'agent', team: 'L2', locales: ['en'] },
  { name: '赵建国', email: 'zhao.jianguo@demo.paydesk.example', role: 'agent', team: 'L3', locales: ['zh-CN'] },
  { name: '刘芳', email: 'liu.fang@demo.paydesk.example', role: 'agent', team: 'risk', locales: ['zh-CN'] },
  { name: 'Priya Nair', email: 'priya.nair@demo.paydesk.example', role: 'agent', team: 'risk', locales: ['en'] },
  { name: '孙丽', email: 'sun.li@demo.paydesk.example', role: 'agent', team: 'finance', locales: ['zh-CN'] },
  { name: 'Michael Tan', email: 'michael.tan@demo.paydesk.example', role: 'agent', team: 'finance', locales: both },
  { name: '周杰', email: 'zhou.jie@demo.paydesk.example', role: 'agent', team: 'tech', locales: both },
  { name: '吴强', email: 'wu.qiang@demo.paydesk.example', role: 'agent', team: 'field', locales: ['zh-CN'] },
];

export const teamLabels: Record<TeamCode, { zh: string; en: string }> = {
  L1: { zh: '一线客服', en: 'L1' },
  L2: { zh: '二线专员', en: 'L2 specialists' },
  L3: { zh: '三线技术', en: 'L3 engineering' },
  risk: { zh: '风控部', en: 'the risk team' },
  finance: { zh: '财务', en: 'finance' },
  tech: { zh: '技术支持', en: 'technical support' },
  field: { zh: '外勤工程师', en: 'field service' },
};

/** Support tier of the tiered teams; the others keep the case's tier. */
export const teamTiers: Partial<Record<TeamCode, number>> = { L1: 1, L2: 2, L3: 3 };

export const zhSurnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '梁', '郑', '谢', '宋', '唐', '韩', '冯', '邓', '曹', '彭'] as const;
export const zhGivenNames = ['伟', '芳', '秀英', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '晓东', '思远', '雨桐', '子涵', '浩然', '欣怡', '俊杰', '佳琪'] as const;
export const enFirstNames = ['James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sophia', 'Arjun', 'Aisha', 'Wei Ling', 'Hiroshi', 'Nurul', 'Carlos', 'Hannah', 'Daniel', 'Grace', 'Ravi', 'Siti', 'Tom', 'Chloe', 'Marco'] as const;
export const enLastNames = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Nguyen', 'Tan', 'Lim', 'Patel', 'Kumar', 'Garcia', 'Müller', 'Rossi', 'Santos', 'Ahmad', 'Tanaka', 'Ong', 'Reyes', "O'Brien", 'Fischer'] as const;
export const emailDomains = ['example.com', 'example.net', 'example.org', 'mail.example.com'] as const;

/** Shops that call the POS hotline, and the city part of their 15-digit merchant number. */
export const zhStores = [
  '老码头火锅（春熙路店）', '好邻居便利店（望京店）', '鲜丰水果（文三路店）', '星河咖啡', '小杨生煎（南京西路店）', '百姓大药房（滨江店）',
  '兰州牛肉面（科技园店）', '万家福超市', '喜悦烘焙坊', '川味小厨', '晨光文具（解放路店）', '一点点奶茶（中山路店）',
] as const;
export const enStores = ['Little Red Dot Café', 'Orchard Florist', 'Harbour Noodle House', 'Kopi Corner', 'Marina Books', 'Bayside Bakery', 'Lucky Mart', 'Jade Garden Dim Sum', 'Sunrise Pharmacy'] as const;
export const merchantAreaCodes = ['5100', '3100', '4403', '1100', '3301', '4401'] as const;
export const merchantCategoryCodes = ['5812', '5411', '5499', '5912', '5943', '5814'] as const;

/** Terminal models with the prefix their serial numbers carry. */
export const posModels = [
  { zh: '新大陆 ME31', en: 'Newland ME31', serialPrefix: 'N7NL' },
  { zh: '联迪 A8', en: 'Landi A8', serialPrefix: 'LD8A' },
  { zh: '百富 S910', en: 'PAX S910', serialPrefix: '0820' },
  { zh: '百富 A920', en: 'PAX A920', serialPrefix: '0821' },
  { zh: '拉卡拉 Q3', en: 'Lakala Q3', serialPrefix: 'LKLQ' },
] as const;

export const banks = {
  zh: ['招商银行', '工商银行', '建设银行', '农业银行', '中国银行', '交通银行', '浦发银行', '中信银行'],
  en: ['HSBC', 'DBS', 'OCBC', 'Citibank', 'Barclays', 'Chase', 'Maybank', 'Standard Chartered'],
} as const;
export const visaCountries = {
  zh: ['印度', '越南', '澳大利亚', '土耳其', '斯里兰卡', '肯尼亚', '柬埔寨'],
  en: ['India', 'Vietnam', 'Australia', 'Turkey', 'Sri Lanka', 'Kenya', 'Cambodia'],
} as const;
export const products = {
  zh: ['蓝牙耳机', '会员年卡', '雅思网课套餐', '空气炸锅', '运动鞋', '儿童安全座椅', '酒店预订', '护肤套装'],
  en: ['wireless earbuds', 'an annual membership', 'an online IELTS course', 'an air fryer', 'running shoes', 'a child car seat', 'a hotel booking', 'a skincare set'],
} as const;
