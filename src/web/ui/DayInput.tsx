import '@mantine/dates/styles.css'
import { DateInput, type DateInputProps } from '@mantine/dates'
import 'dayjs/locale/de'
import { useI18n } from '../i18n'
import { dayOfTyped } from './typed-day'

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'locale'> & {
  /** an ISO day, or '' for none */
  value: string
  /** an ISO day, or '' when the field was cleared */
  onChange: (day: string) => void
}

/**
 * A day typed or picked the reader's way (07.12.2026 in German, 07/12/2026 in English) whatever
 * the browser's language, with a calendar in the reader's language; the value is an ISO day.
 */
export function DayInput({ value, onChange, ...props }: Props) {
  const { locale } = useI18n()
  return (
    <DateInput
      {...props}
      value={value || null}
      onChange={(day) => onChange(day ?? '')}
      locale={locale}
      valueFormat={locale === 'de' ? 'DD.MM.YYYY' : 'DD/MM/YYYY'}
      dateParser={dayOfTyped}
      placeholder={locale === 'de' ? 'TT.MM.JJJJ' : 'DD/MM/YYYY'}
    />
  )
}
