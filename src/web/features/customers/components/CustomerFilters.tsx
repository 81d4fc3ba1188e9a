import { Button, Group, Select, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { useState } from 'react'
import { contactChannels } from '../../../../shared/contact'
import { lifecycleStatuses } from '../../../../shared/lifecycle'
import { useI18n } from '../../../i18n'
import { CallListButton } from '../../contact/components/CallListButton'
import { useCustomerFiltersQuery } from '../hooks/useCustomerFiltersQuery'
import type { CustomerListParams } from '../hooks/useCustomersQuery'

interface Props {
  params: CustomerListParams
  showOwner: boolean
  onChange: (patch: Partial<CustomerListParams>) => void
  exportHref: (format: 'csv' | 'xlsx') => string
  /** the list's filters as a query string for the call list */
  callListQuery: string
}

export function CustomerFilters({ params, showOwner, onChange, exportHref, callListQuery }: Props) {
  const { t } = useI18n()
  const filters = useCustomerFiltersQuery().data
  const [search, setSearch] = useState(params.q ?? '')
  const pushSearch = useDebouncedCallback((q: string) => onChange({ q: q || undefined, page: 1 }), 300)
  return (
    <Group align="flex-end" wrap="wrap">
      <TextInput
        label={t('common.search')}
        placeholder={t('customers.searchPlaceholder')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value)
          pushSearch(e.currentTarget.value)
        }}
        w={260}
      />
      <Select
        label={t('customers.filterStatus')}
        placeholder={t('common.all')}
        clearable
        value={params.status ?? null}
        data={lifecycleStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        onChange={(v) => onChange({ status: v ?? undefined, page: 1 })}
        w={170}
        data-testid="filter-status"
      />
      <Select
        label={t('customers.filterSegment')}
        placeholder={t('common.all')}
        clearable
        searchable
        value={params.segment ?? null}
        data={filters?.segments ?? []}
        onChange={(v) => onChange({ segment: v ?? undefined, page: 1 })}
        w={190}
      />
      {showOwner && (
        <Select
          label={t('customers.filterOwner')}
          placeholder={t('common.all')}
          clearable
          value={params.owner ?? null}
          data={[
            { value: 'none', label: t('customers.noOwner') },
            ...(filters?.owners ?? []).map((o) => ({ value: String(o.id), label: o.name })),
          ]}
          onChange={(v) => onChange({ owner: v ?? undefined, page: 1 })}
          w={190}
        />
      )}
      <Select
        label={t('contact.filter')}
        placeholder={t('contact.filterAny')}
        clearable
        value={params.contactable ?? null}
        data={contactChannels.map((c) => ({ value: c, label: t(`contact.channel.${c}`) }))}
        onChange={(v) => onChange({ contactable: v ?? undefined, page: 1 })}
        w={170}
        data-testid="filter-contactable"
      />
      <Group gap="xs" ml="auto">
        <CallListButton query={callListQuery} />
        <Button component="a" href={exportHref('csv')} variant="default" download>
          {t('common.export')} {t('common.exportCsv')}
        </Button>
        <Button component="a" href={exportHref('xlsx')} variant="default" download>
          {t('common.exportXlsx')}
        </Button>
      </Group>
    </Group>
  )
}
