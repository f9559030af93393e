import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { AppButton } from '../../../../components/AppButton'
import { Heading } from '../../../../components/Heading'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Card } from '../../../../components/Card'
import './index.scss'

/** Placeholder until the report flow lands: says so plainly and offers the hotline. */
export default function ReportPage() {
  const { params } = useRouter()
  const value = params.value ? decodeURIComponent(params.value) : ''
  return (
    <View className='report-page'>
      <SystemFontSize />
      <Card>
        <Heading className='report-page__title'>举报功能即将上线</Heading>
        {value ? <Text className='report-page__text'>您要举报的号码：{value}</Text> : null}
        <Text className='report-page__text'>现在请拨打 96110 反诈专线举报，民警会记录并核查。</Text>
        <AppButton variant='primary' block onClick={() => void Taro.makePhoneCall({ phoneNumber: '96110' }).catch(() => {})}>
          拨打 96110 举报
        </AppButton>
      </Card>
    </View>
  )
}
