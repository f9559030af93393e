import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

interface FormFieldProps {
  label: string
  children: ReactNode
  /** Shown under the field in red and announced (role=alert). */
  error?: string | null
  hint?: string
}

/** One labelled form row with its inline error: the same layout for every form. */
export function FormField({ label, children, error, hint }: FormFieldProps) {
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <Text className="form-field__label">{label}</Text>
      {children}
      {hint && !error ? <Text className="form-field__hint">{hint}</Text> : null}
      {error ? (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  )
}
