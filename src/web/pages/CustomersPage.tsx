import { Card, Group, Stack, Text, Title } from '@mantine/core'
import { useSearchParams } from 'react-router'
import type { SessionUserDto } from '../../shared/api/auth'
import { formatDate, formatNumber } from '../../shared/i18n/format'
import { toQuery } from '../api/client'
import { CustomerCards } from '../features/customers/components/CustomerCards'
import { CustomerFilters } from '../features/customers/components/CustomerFilters'
import { CustomerSortControl } from '../features/customers/components/CustomerSortControl'
import { CustomerTable } from '../features/customers/components/CustomerTable'
import { type CustomerListParams, useCustomersQuery } from '../features/customers/hooks/useCustomersQuery'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'
import { PagePagination } from '../ui/PagePagination'
import { useIsPhone } from '../ui/useIsPhone'

const PAGE_SIZE = 50

/** The list's state lives in the URL, so a filtered list can be bookmarked and shared. */
function useListParams() {
  const [search, setSearch] = useSearchParams()
  const params = paramsOf(search)
  /**
   * A patch, or one worked out from the list's state at the moment of the click: read from the
   * address bar itself, since a click can come before the page has rendered the last change
   * (a direction click right after a new field would otherwise reverse the old field)
   */
  const update = (
    patch: Partial<CustomerListParams> | ((current: CustomerListParams) => Partial<CustomerListParams>),
  ) => {
    const current = paramsOf(new URLSearchParams(window.location.search))
    const next = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) }
    const entries = Object.entries(next).filter(
      ([k, v]) => v !== undefined && v !== '' && k !== 'pageSize' && !(k === 'page' && v === 1),
    )
    setSearch(new URLSearchParams(entries.map(([k, v]) => [k, String(v)])), { replace: true })
  }
  return { params, update }
}

function paramsOf(search: URLSearchParams): CustomerListParams {
  const get = (k: string) => search.get(k) ?? undefined
  return {
    status: get('status'),
    segment: get('segment'),
    owner: get('owner'),
    q: get('q'),
    contactable: get('contactable'),
    sort: get('sort') ?? 'customerNumber',
    dir: get('dir') ?? 'asc',
    page: Number(get('page') ?? 1),
    pageSize: PAGE_SIZE,
  }
}

const largestFirst = new Set(['lastPurchase', 'revenue12m', 'annualRevenue', 'pAlive', 'clv'])

export function CustomersPage({ user }: { user: SessionUserDto }) {
  const { t, locale } = useI18n()
  const { params, update } = useListParams()
  const phone = useIsPhone()
  const list = useCustomersQuery(params)
  const { page: _page, pageSize: _pageSize, ...exportParams } = params
  const exportHref = (format: 'csv' | 'xlsx') =>
    `/api/customers/export${toQuery({ ...exportParams, format, lang: locale })}`
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('customers.title')}</Title>
          {list.data && (
            <Text size="sm" c="dimmed" data-testid="result-count">
              {t('common.results', { total: formatNumber(list.data.total, locale) })}
              {list.data.asOf ? ` · ${t('common.asOf', { date: formatDate(list.data.asOf, locale) })}` : ''}
            </Text>
          )}
        </div>
      </Group>
      <CustomerFilters
        params={params}
        showOwner={user.role !== 'rep'}
        onChange={update}
        exportHref={exportHref}
        callListQuery={toQuery({ ...exportParams, lang: locale })}
      />
      {list.isError && <ErrorAlert error={list.error} />}
      <Card withBorder p={0}>
        {list.data && list.data.items.length === 0 ? (
          <Text p="md">{t('customers.empty')}</Text>
        ) : phone ? (
          <>
            <CustomerSortControl
              sort={params.sort ?? 'customerNumber'}
              dir={params.dir === 'desc' ? 'desc' : 'asc'}
              // a new field starts as the table's header would: figures and dates with the largest
              onSortBy={(sort) =>
                update((current) => ({
                  sort,
                  dir: sort === current.sort ? current.dir : largestFirst.has(sort) ? 'desc' : 'asc',
                  page: 1,
                }))
              }
              onReverse={() =>
                update((current) => ({ dir: current.dir === 'desc' ? 'asc' : 'desc', page: 1 }))
              }
            />
            <CustomerCards items={list.data?.items ?? []} />
          </>
        ) : (
          <CustomerTable
            items={list.data?.items ?? []}
            sort={params.sort ?? 'customerNumber'}
            dir={params.dir ?? 'asc'}
            onSort={(sort) =>
              update((current) => ({
                sort,
                // a second click reverses; figures and dates start with the largest, names with A
                dir:
                  current.sort === sort
                    ? current.dir === 'asc'
                      ? 'desc'
                      : 'asc'
                    : largestFirst.has(sort)
                      ? 'desc'
                      : 'asc',
                page: 1,
              }))
            }
          />
        )}
      </Card>
      {pages > 1 && (
        <Group justify="center">
          <PagePagination total={pages} value={params.page ?? 1} onChange={(page) => update({ page })} />
          <Text size="sm" c="dimmed">
            {t('common.page', { page: params.page ?? 1, pages })}
          </Text>
        </Group>
      )}
    </Stack>
  )
}
