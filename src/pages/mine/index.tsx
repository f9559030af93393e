import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { AppButton } from '../../components/AppButton'
import { Card } from '../../components/Card'
import { InfoRow } from '../../components/InfoRow'
import { Heading } from '../../components/Heading'
import { SegmentedChoice } from '../../components/SegmentedChoice'
import { SystemFontSize } from '../../components/SystemFontSize'
import { WarningCards } from '../../components/WarningCard'
import { toast } from '../../components/toast'
import { subpackageUrl } from '../../routes'
import { ApiError } from '../../services/http'
import { deleteMe, getMe } from '../../services/me'
import { logout } from '../../services/auth'
import { useSession } from '../../stores/session'
import { useWarnings } from '../../stores/warnings'
import './index.scss'

const open = (page: 'register' | 'edit' | 'myData' | 'privacy') => void Taro.navigateTo({ url: subpackageUrl('account', page) })

export default function MinePage() {
  const { tokens, me, fontSize, setMe, signOut, setFontSize } = useSession()

  // Refresh what the server knows each time the tab shows (a registration may just have finished).
  useDidShow(() => {
    if (useSession.getState().tokens)
      getMe()
        .then(setMe)
        .catch(() => {})
  })

  const confirmDelete = async () => {
    const answer = await Taro.showModal({
      title: '确定注销账号吗？',
      content: '注销后，您的姓名、手机号、身份证号和查询记录都会被删除，无法恢复；也不会再收到预警推送。',
      confirmText: '确定注销',
      confirmColor: '#B71C1C',
      cancelText: '再想想'
    })
    if (!answer.confirm) return
    try {
      await deleteMe()
      signOut()
      toast('账号已注销，个人信息已删除')
    } catch (err) {
      toast(err instanceof ApiError ? err.message : '注销失败，请稍后再试')
    }
  }

  const profile = tokens && me?.residentId === tokens.residentId ? me : null

  // The server forgets this sign-in first (a copied refresh token stops working); signed out here even offline.
  const signOutHere = async () => {
    const refreshToken = tokens?.refreshToken
    signOut()
    if (refreshToken) await logout(refreshToken).catch(() => {})
    toast('已退出登录')
  }

  const askForHelp = async () => {
    if (!tokens || !profile?.phone) {
      toast('请先登记并验证手机号，民警才能给您打电话；着急请直接拨打 96110')
      open('register')
      return
    }
    const answer = await Taro.showModal({
      title: '请民警联系您？',
      content: `县反诈中心的民警会尽快打电话到 ${profile.phone}。来电时请核对警号和核验码。`,
      // WeChat (and Taro's H5) refuse a button text over 4 characters: the whole dialog then fails silently.
      confirmText: '请联系我',
      cancelText: '不用了'
    })
    if (!answer.confirm) return
    try {
      await useWarnings.getState().help()
      toast('已通知民警，请留意来电')
    } catch (err) {
      toast(err instanceof ApiError ? err.message : '没有发送成功，请直接拨打 96110')
    }
  }

  return (
    <View className="mine-page" role="main">
      <Heading level={1} className="sr-only">
        我的
      </Heading>
      <SystemFontSize />
      <WarningCards />
      <Card>
        <Heading className="mine-page__title">遇到可疑情况</Heading>
        <Text className="mine-page__text">有人让您转账、下载软件或说出验证码？请民警帮您看看。自称民警的人来电时，可以在这里核验真假。</Text>
        <View className="mine-page__actions">
          <AppButton variant="primary" block onClick={() => void askForHelp()}>
            我需要帮助
          </AppButton>
          <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('warnings', 'verify') })}>
            核验来电民警
          </AppButton>
        </View>
      </Card>
      <Card>
        <Heading className="mine-page__title">家人守护</Heading>
        <Text className="mine-page__text">家人接到涉诈电话时，您会马上收到提醒；也可以帮没有智能手机的老人登记。</Text>
        <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('family', 'index') })}>
          家人守护
        </AppButton>
        {profile?.gridWorker ? (
          <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('grid', 'index') })}>
            网格员工作台
          </AppButton>
        ) : null}
      </Card>
      {profile?.registered && profile.profile ? (
        <Card>
          <Heading className="mine-page__title">我的登记信息</Heading>
          <InfoRow label="姓名" value={profile.profile.name} />
          <InfoRow label="手机号" value={profile.phone ?? ''} />
          <InfoRow label="所在地" value={`${profile.profile.township.name} ${profile.profile.village.name}`} />
          {profile.profile.idNumberMasked ? <InfoRow label="身份证号" value={profile.profile.idNumberMasked} /> : null}
          <View className="mine-page__actions">
            <AppButton block onClick={() => open('edit')}>
              修改登记信息
            </AppButton>
            <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('report', 'index') })}>
              我的举报
            </AppButton>
            <AppButton block onClick={() => open('myData')}>
              查看、导出我的数据
            </AppButton>
            <AppButton block variant="danger" onClick={() => void confirmDelete()}>
              注销账号
            </AppButton>
            <AppButton block onClick={() => void signOutHere()}>
              退出登录
            </AppButton>
          </View>
        </Card>
      ) : (
        <Card>
          <Heading className="mine-page__title">居民登记</Heading>
          <Text className="mine-page__text">登记后可以收到县反诈中心推送的本地预警信息。查号码、学反诈不用登记，可以直接使用。</Text>
          {profile?.phone ? <Text className="mine-page__text">已登录：{profile.phone}</Text> : null}
          <AppButton variant="primary" block onClick={() => open('register')}>
            {tokens ? '继续登记' : '登记 / 登录'}
          </AppButton>
          {tokens ? (
            <View className="mine-page__actions">
              <AppButton block variant="danger" onClick={() => void confirmDelete()}>
                注销账号
              </AppButton>
              <AppButton block onClick={() => void signOutHere()}>
                退出登录
              </AppButton>
            </View>
          ) : null}
        </Card>
      )}
      <Card>
        <Heading className="mine-page__title">字体大小</Heading>
        <SegmentedChoice
          name="字体大小"
          value={fontSize}
          options={[
            { value: 'system', label: '跟随系统' },
            { value: 'large', label: '大字' }
          ]}
          onChange={setFontSize}
        />
      </Card>
      <Card>
        <Heading className="mine-page__title">反诈专线 96110</Heading>
        <Text className="mine-page__text">接到可疑电话、已经转账，或拿不准时，请拨打 96110。</Text>
        <AppButton variant="primary" block onClick={() => void Taro.makePhoneCall({ phoneNumber: '96110' }).catch(() => {})}>
          拨打 96110
        </AppButton>
      </Card>
      <Card>
        <Heading className="mine-page__title">隐私说明</Heading>
        <Text className="mine-page__text">查号码不需要登录。未登录时，您查过的号码只保存在这台手机上，可随时清空。</Text>
        <AppButton block onClick={() => open('privacy')}>
          查看隐私政策
        </AppButton>
      </Card>
    </View>
  )
}
