import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AppButton } from '../../components/AppButton'
import { Heading } from '../../components/Heading'
import { SystemFontSize } from '../../components/SystemFontSize'
import { Card } from '../../components/Card'
import './index.scss'

export default function MinePage() {
  return (
    <View className='mine-page'>
      <SystemFontSize />
      <Card>
        <Heading className='mine-page__title'>居民登记</Heading>
        <Text className='mine-page__text'>登记后可以收到县反诈中心推送的预警信息。登记功能即将上线。</Text>
      </Card>
      <Card>
        <Heading className='mine-page__title'>反诈专线 96110</Heading>
        <Text className='mine-page__text'>接到可疑电话、已经转账，或拿不准时，请拨打 96110。</Text>
        <AppButton variant='primary' block onClick={() => void Taro.makePhoneCall({ phoneNumber: '96110' }).catch(() => {})}>
          拨打 96110
        </AppButton>
      </Card>
      <Card>
        <Heading className='mine-page__title'>隐私说明</Heading>
        <Text className='mine-page__text'>
          查号码不需要登录。您查过的号码只保存在这台手机上，可随时清空；服务器不记录未登录用户的查询。
        </Text>
      </Card>
    </View>
  )
}
