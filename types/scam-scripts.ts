// Plain data (no schema library): the phone's offline rules bundle it (rules/message-rules.ts).

/**
 * The scam scripts the message check names, from the police's public "凡是…都是诈骗" warnings. `fraudType` is the
 * 学反诈 catalogue's code, so the answer can open the matching tip.
 */
export const SCAM_SCRIPTS = [
  { code: 'FAKE_SERVICE_REFUND', name: '冒充客服/快递理赔', fraudType: 'kefu' },
  { code: 'FAKE_POLICE_SAFE_ACCOUNT', name: '冒充公检法/安全账户', fraudType: 'gongjianfa' },
  { code: 'TASK_REBATE', name: '刷单返利', fraudType: 'shuadan' },
  { code: 'FAKE_INVESTMENT', name: '虚假投资理财', fraudType: 'touzi' },
  { code: 'FAKE_LOAN_CREDIT', name: '虚假贷款/征信修复', fraudType: 'daikuan' },
  { code: 'SUBSIDY_AUTH', name: 'ETC/医保/社保认证', fraudType: 'kefu' },
  { code: 'POINTS_PRIZE', name: '积分兑换/中奖', fraudType: 'gouwu' },
  { code: 'FAKE_BOSS_ACQUAINTANCE', name: '冒充领导熟人', fraudType: 'lingdao' },
  { code: 'GAME_TRADE', name: '游戏交易', fraudType: 'youxi' },
  { code: 'ASK_FOR_CODE', name: '索要验证码', fraudType: 'kefu' },
  { code: 'SCREEN_SHARE', name: '共享屏幕/下载会议软件', fraudType: 'kefu' },
  { code: 'SEXTORTION', name: '裸聊敲诈', fraudType: 'shazhupan' },
  { code: 'PHISHING_LINK', name: '钓鱼链接', fraudType: 'kefu' }
] as const
export type ScamScriptCode = (typeof SCAM_SCRIPTS)[number]['code']
