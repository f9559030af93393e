import { PRIVACY_POLICY_VERSION } from '../../types/privacy'

/** The privacy policy shown before anything personal is asked (version agreed to is sent with the registration). */
export const PRIVACY_POLICY = {
  version: PRIVACY_POLICY_VERSION,
  title: '守好钱袋子隐私政策',
  summary: '查号码、学反诈不需要登录，也不收集您的个人信息。只有您自愿登记时，我们才收集下面写明的信息。',
  sections: [
    {
      heading: '一、谁在处理您的信息',
      body: '“守好钱袋子”由宁陕县公安局反电信网络诈骗中心（以下简称“县反诈中心”）运营，用于向全县群众推送反诈预警、提供号码查询和线索举报。'
    },
    {
      heading: '二、我们收集哪些信息，为什么',
      body: '登记时收集：姓名、手机号（通过微信授权或短信验证码核实）、出生日期、所在乡镇和村（社区）；身份证号可不填。用途：向您推送本地的预警信息，统计全县16至60周岁群众的覆盖情况。我们不读取您的通讯录、位置、相册。'
    },
    {
      heading: '三、我们怎样保存',
      body: '姓名、手机号、身份证号加密保存，任何页面（包括县反诈中心的管理页面）都只显示部分号码。您查询过的号码只保存在您的手机上；登录后的查询记录保存在服务器，用于您本人查看。'
    },
    {
      heading: '四、我们不会做什么',
      body: '不会出售或向无关单位提供您的信息；不会用您的信息做广告；县反诈中心工作人员不会通过本程序向您索要验证码、银行卡号或转账。'
    },
    {
      heading: '五、您的权利',
      body: '您可以随时在“我的”页面查看、修改登记信息，导出我们保存的您的全部数据，或注销账号。注销后您的个人信息会被删除，只保留不含个人信息的统计数字。'
    },
    {
      heading: '六、联系我们',
      body: '对本政策有疑问，请拨打县反诈中心电话 0915-6821234（演示号码）或反诈专线 96110。'
    }
  ]
} as const
