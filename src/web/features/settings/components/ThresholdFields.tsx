import { NumberInput, SimpleGrid, Switch } from '@mantine/core'
import { useI18n } from '../../../i18n'
import type { Thresholds } from '../hooks/useThresholdsQuery'

const fields = [
  'newWithinDays',
  'sleepingAfterDays',
  'lostAfterDays',
  'overdueFactor',
  'sleepingOverdueFactor',
  'minOverdueDays',
  'minSleepingOverdueDays',
  'rhythmWindow',
  'reactivatedForDays',
  'lengtheningRatio',
  'fallingValueRatio',
  'stockUpFactor',
] as const

/** The thresholds as inputs; an empty input means "inherit" (shown as the inherited value). */
export function ThresholdFields({
  values,
  inherited,
  onChange,
}: {
  values: Thresholds
  inherited: Thresholds
  onChange: (v: Thresholds) => void
}) {
  const { t, locale } = useI18n()
  const set = (key: string, value: number | boolean | undefined) => {
    const next = { ...values }
    if (value === undefined) delete next[key]
    else next[key] = value
    onChange(next)
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {fields.map((key) => (
        <NumberInput
          key={key}
          label={t(`settings.t.${key}`)}
          value={typeof values[key] === 'number' ? (values[key] as number) : ''}
          placeholder={String(inherited[key] ?? '')}
          decimalScale={key.endsWith('Days') || key === 'rhythmWindow' ? 0 : 2}
          decimalSeparator={locale === 'de' ? ',' : '.'}
          min={0}
          onChange={(v) => set(key, typeof v === 'number' ? v : v === '' ? undefined : Number(v))}
          data-testid={`threshold-${key}`}
        />
      ))}
      <Switch
        mt="lg"
        label={t('settings.t.signalsMakeAtRisk')}
        checked={(values.signalsMakeAtRisk ?? inherited.signalsMakeAtRisk) === true}
        onChange={(e) => set('signalsMakeAtRisk', e.currentTarget.checked)}
      />
    </SimpleGrid>
  )
}
