import { ActionIcon, Group, Select } from '@mantine/core'
import { useI18n } from '../../../i18n'

/** What the customer list can be sorted by (the table's sortable columns). */
export const customerSortKeys = [
  'customerNumber',
  'name',
  'city',
  'status',
  'lastPurchase',
  'revenue12m',
  'annualRevenue',
  'pAlive',
  'clv',
] as const

/** Sorting on a phone, where the cards have no column headers to click: a field and a direction. */
export function CustomerSortControl({
  sort,
  dir,
  onSortBy,
  onReverse,
}: {
  sort: string
  dir: 'asc' | 'desc'
  /** a field chosen (its direction is the page's to decide) */
  onSortBy: (sort: string) => void
  /** the direction reversed, of whatever field the list is sorted by then */
  onReverse: () => void
}) {
  const { t } = useI18n()
  return (
    <Group gap="xs" wrap="nowrap" px="xs" pt="xs">
      <Select
        label={t('customers.sortBy')}
        data={customerSortKeys.map((k) => ({ value: k, label: t(`customers.col.${k}`) }))}
        value={sort}
        onChange={(v) => v && onSortBy(v)}
        allowDeselect={false}
        style={{ flex: 1 }}
        data-testid="customer-sort"
      />
      <ActionIcon
        variant="default"
        size="lg"
        mt={24}
        onClick={onReverse}
        aria-label={dir === 'asc' ? t('customers.sortAscending') : t('customers.sortDescending')}
        data-testid="customer-sort-dir"
      >
        {dir === 'asc' ? '↑' : '↓'}
      </ActionIcon>
    </Group>
  )
}
