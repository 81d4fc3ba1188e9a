import { Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { SessionUserDto } from '../../shared/api/auth'
import type { WorklistItem } from '../../shared/api/worklist'
import { formatDate } from '../../shared/i18n/format'
import { useCustomerFiltersQuery } from '../features/customers/hooks/useCustomerFiltersQuery'
import { CalendarFeedButton } from '../features/worklist/components/CalendarFeedButton'
import { CallModal } from '../features/worklist/components/CallModal'
import { WorklistItemCard } from '../features/worklist/components/WorklistItemCard'
import { useWorklistQuery } from '../features/worklist/hooks/useWorklist'
import { useI18n } from '../i18n'
import { DayInput } from '../ui/DayInput'
import { ErrorAlert } from '../ui/ErrorAlert'
import { localIsoDate } from '../ui/format'

/**
 * The Tagesliste, a rep's home page: due and overdue Wiedervorlagen first, then the day's new
 * customers, each with why, reason, measure, hooks, offers before, the legal traffic light and a
 * phone link; a call is logged in one step from the row.
 */
export function WorklistPage({ user }: { user: SessionUserDto }) {
  const { t, locale } = useI18n()
  const today = localIsoDate(new Date())
  const tomorrow = localIsoDate(new Date(Date.now() + 86_400_000))
  const [day, setDay] = useState<string>(today)
  const [userId, setUserId] = useState<number | undefined>(undefined)
  const filters = useCustomerFiltersQuery()
  const query = useWorklistQuery(day === today ? null : day, userId)
  const [calling, setCalling] = useState<WorklistItem | null>(null)
  const items = query.data?.items ?? []
  const open = items.filter((i) => !i.done).length
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('worklist.title')}</Title>
          <Text c="dimmed" size="sm" data-testid="worklist-summary">
            {formatDate(query.data?.date ?? day, locale)} ·{' '}
            {t('worklist.summary', { open, total: items.length })}
          </Text>
        </div>
        <Group>
          {user.role !== 'rep' && (
            <Select
              placeholder={t('worklist.myList')}
              data={(filters.data?.owners ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
              value={userId ? String(userId) : null}
              onChange={(v) => setUserId(v ? Number(v) : undefined)}
              clearable
              w={200}
              aria-label={t('worklist.whose')}
            />
          )}
          <SegmentedControl
            data={[
              { value: today, label: t('worklist.today') },
              { value: tomorrow, label: t('worklist.tomorrow') },
            ]}
            value={day === today || day === tomorrow ? day : ''}
            onChange={setDay}
            data-testid="worklist-day"
          />
          <DayInput value={day} onChange={(d) => d && setDay(d)} aria-label={t('worklist.date')} w={160} />
          <CalendarFeedButton />
        </Group>
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && items.length === 0 && (
        <Text c="dimmed" data-testid="worklist-empty">
          {t('worklist.empty')}
        </Text>
      )}
      {items.map((item) => (
        <WorklistItemCard
          key={`${item.kind}-${item.followupId ?? item.customerId}`}
          item={item}
          onCall={() => setCalling(item)}
        />
      ))}
      {calling && (
        <CallModal
          customerId={calling.customerId}
          customerName={calling.displayName}
          followupId={calling.followupId}
          defaultOffer={calling.measure?.defaultOffer}
          measureId={calling.measure?.id}
          onClose={() => setCalling(null)}
        />
      )}
    </Stack>
  )
}
