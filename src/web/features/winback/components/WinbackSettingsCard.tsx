import { Button, Card, Group, MultiSelect, NumberInput, SimpleGrid, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { WinbackSettings } from '../../../../shared/api/winback'
import { attemptChannels } from '../../../../shared/winback'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useCustomerFiltersQuery } from '../../customers/hooks/useCustomerFiltersQuery'
import { useSaveWinbackSettings, useWinbackSettingsQuery } from '../hooks/useWinback'

type Channel = (typeof attemptChannels)[number]
const euros = (cents: number) => cents / 100
const cents = (value: string | number) => Math.round(Number(value || 0) * 100)
const percent = (rate: number) => Math.round(rate * 1000) / 10

/** Hourly rate, minutes per channel, standard measure, margins, lifetime, the CRC/CLV gate, the model threshold. */
export function WinbackSettingsCard() {
  const { t } = useI18n()
  const query = useWinbackSettingsQuery()
  const segments = useCustomerFiltersQuery().data?.segments ?? []
  const save = useSaveWinbackSettings()
  const [draft, setDraft] = useState<WinbackSettings | null>(null)
  useEffect(() => {
    if (query.data && !draft) setDraft(query.data)
  }, [query.data, draft])
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!draft) return null
  const set = (patch: Partial<WinbackSettings>) => setDraft({ ...draft, ...patch })
  return (
    <Card withBorder data-testid="winback-settings">
      <Title order={4}>{t('winback.settings.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('winback.settings.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <NumberInput
          label={t('winback.settings.hourlyRate')}
          min={0}
          decimalScale={2}
          decimalSeparator=","
          value={euros(draft.hourlyRateCents)}
          onChange={(v) => set({ hourlyRateCents: cents(v) })}
        />
        <NumberInput
          label={t('winback.settings.measure')}
          min={0}
          decimalScale={2}
          decimalSeparator=","
          value={euros(draft.measureCents)}
          onChange={(v) => set({ measureCents: cents(v) })}
        />
        <NumberInput
          label={t('winback.settings.postage')}
          min={0}
          decimalScale={2}
          decimalSeparator=","
          value={euros(draft.postageCents)}
          onChange={(v) => set({ postageCents: cents(v) })}
        />
        <NumberInput
          label={t('winback.settings.defaultMargin')}
          min={0}
          max={100}
          decimalScale={1}
          decimalSeparator=","
          value={percent(draft.defaultMarginRate)}
          onChange={(v) => set({ defaultMarginRate: Number(v || 0) / 100 })}
        />
        <NumberInput
          label={t('winback.settings.lifetime')}
          min={0}
          max={50}
          decimalScale={1}
          decimalSeparator=","
          value={draft.expectedLifetimeYears}
          onChange={(v) => set({ expectedLifetimeYears: Number(v || 0) })}
        />
        <NumberInput
          label={t('winback.settings.attributionDays')}
          description={t('winback.settings.attributionHint')}
          min={1}
          max={730}
          value={draft.attributionDays}
          onChange={(v) => set({ attributionDays: Math.min(730, Math.max(1, Math.round(Number(v || 0)))) })}
          data-testid="attribution-days"
        />
        <NumberInput
          label={t('winback.settings.maxRatio')}
          min={0}
          max={10}
          decimalScale={2}
          step={0.1}
          decimalSeparator=","
          value={draft.maxCostRatio}
          onChange={(v) => set({ maxCostRatio: Number(v || 0) })}
          data-testid="max-cost-ratio"
        />
        <NumberInput
          label={t('winback.settings.minOutcomes')}
          min={10}
          max={100000}
          value={draft.minOutcomes}
          onChange={(v) => set({ minOutcomes: Math.max(10, Math.round(Number(v || 0))) })}
        />
        <MultiSelect
          label={t('winback.settings.planned')}
          data={attemptChannels.map((c) => ({ value: c, label: t(`winback.attempts.channel.${c}`) }))}
          value={draft.plannedContacts}
          onChange={(v) => set({ plannedContacts: v as Channel[] })}
          style={{ gridColumn: 'span 2' }}
        />
      </SimpleGrid>
      <Title order={6} mt="md" mb="xs">
        {t('winback.settings.minutes')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {attemptChannels.map((channel) => (
          <NumberInput
            key={channel}
            label={t(`winback.attempts.channel.${channel}`)}
            min={0}
            max={600}
            value={draft.minutesPerChannel[channel]}
            onChange={(v) =>
              set({ minutesPerChannel: { ...draft.minutesPerChannel, [channel]: Number(v || 0) } })
            }
          />
        ))}
      </SimpleGrid>
      {segments.length > 0 && (
        <>
          <Title order={6} mt="md" mb="xs">
            {t('winback.settings.segmentMargins')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {segments.map((segment) => (
              <NumberInput
                key={segment}
                label={segment}
                min={0}
                max={100}
                decimalScale={1}
                decimalSeparator=","
                placeholder={String(percent(draft.defaultMarginRate)).replace('.', ',')}
                value={
                  draft.marginRateBySegment[segment] === undefined
                    ? ''
                    : percent(draft.marginRateBySegment[segment])
                }
                onChange={(v) => {
                  const { [segment]: _old, ...rest } = draft.marginRateBySegment
                  set({
                    marginRateBySegment: v === '' ? rest : { ...rest, [segment]: Number(v) / 100 },
                  })
                }}
              />
            ))}
          </SimpleGrid>
        </>
      )}
      <Group mt="md">
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(draft, {
              onSuccess: () => notifications.show({ color: 'teal', message: t('winback.settings.saved') }),
            })
          }
          data-testid="winback-settings-save"
        >
          {t('common.save')}
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
    </Card>
  )
}
