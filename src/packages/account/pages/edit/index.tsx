import { View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import Taro from '@tarojs/taro'
import { Card } from '../../../../components/Card'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { toast } from '../../../../components/toast'
import { updateMe } from '../../../../services/me'
import { useSession } from '../../../../stores/session'
import { ProfileForm, type ProfileValues } from '../../components/ProfileForm'

/** Name, township and village can change (moving house); birth date and ID number cannot. */
export default function EditProfilePage() {
  const me = useSession((s) => s.me)
  const setMe = useSession((s) => s.setMe)
  if (!me?.profile)
    return (
      <>
        <SystemFontSize />
        <StateView kind="empty" message="请先登记" />
      </>
    )

  const onSave = async (v: ProfileValues) => {
    setMe(await updateMe({ name: v.name.trim(), townshipCode: v.townshipCode, villageCode: v.villageCode }))
    toast('已保存')
    void Taro.navigateBack().catch(() => {})
  }

  return (
    <View style={{ padding: '1rem' }} role="main">
      <InnerNav title="修改登记信息" />
      <SystemFontSize />
      <Card>
        <ProfileForm mode="edit" initial={me.profile} submitLabel="保存" onSubmit={onSave} />
      </Card>
    </View>
  )
}
