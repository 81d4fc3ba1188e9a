import { Anchor, Group, Table, Text, UnstyledButton } from '@mantine/core'
import { Link } from 'react-router'
import type { CustomerListItem } from '../../../../shared/api/customers'
import { describeRule } from '../../../../shared/i18n/describe'
import { formatNumber } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { DateText, Money } from '../../../ui/format'
import { StatusBadge } from '../../../ui/StatusBadge'

interface Props {
  items: CustomerListItem[]
  sort: string
  dir: string
  onSort: (sort: string) => void
}

function SortHeader({
  id,
  label,
  sort,
  dir,
  onSort,
  align,
}: {
  id: string
  label: string
  sort: string
  dir: string
  onSort: (s: string) => void
  align?: 'right'
}) {
  const active = sort === id
  return (
    <Table.Th ta={align} aria-sort={active ? (dir === 'desc' ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(id)} data-testid={`sort-${id}`}>
        <Group gap={4} justify={align === 'right' ? 'flex-end' : 'flex-start'} wrap="nowrap">
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Text size="xs" c={active ? 'teal' : 'dimmed'}>
            {active ? (dir === 'desc' ? '▼' : '▲') : '↕'}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}

export function CustomerTable({ items, sort, dir, onSort }: Props) {
  const { t, locale } = useI18n()
  const h = (id: string, key: string, align?: 'right') => (
    <SortHeader
      id={id}
      label={t(`customers.col.${key}`)}
      sort={sort}
      dir={dir}
      onSort={onSort}
      align={align}
    />
  )
  return (
    <Table.ScrollContainer minWidth={1200}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="customer-table">
        <Table.Thead>
          <Table.Tr>
            {h('customerNumber', 'customerNumber')}
            {h('name', 'name')}
            <Table.Th>{t('customers.col.segment')}</Table.Th>
            {h('city', 'city')}
            <Table.Th>{t('customers.col.owner')}</Table.Th>
            {h('status', 'status')}
            <Table.Th>{t('customers.col.reason')}</Table.Th>
            {h('lastPurchase', 'lastPurchase')}
            {h('revenue12m', 'revenue12m', 'right')}
            {h('annualRevenue', 'annualRevenue', 'right')}
            {h('pAlive', 'pAlive', 'right')}
            {h('clv', 'clv', 'right')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.customerNumber}</Table.Td>
              <Table.Td miw={200}>
                <Anchor component={Link} to={`/customers/${c.id}`} fw={500}>
                  {c.displayName}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.segment}</Table.Td>
              <Table.Td>{c.city}</Table.Td>
              <Table.Td>{c.ownerName}</Table.Td>
              <Table.Td miw={120}>
                <StatusBadge status={c.status} size="sm" />
              </Table.Td>
              <Table.Td maw={380}>
                <Text size="xs" lineClamp={2}>
                  {c.rule ? describeRule(t, c.rule, c.ruleParams ?? {}, locale) : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <DateText date={c.lastPurchase} />
              </Table.Td>
              <Table.Td ta="right">
                <Money cents={c.revenue12mCents} whole />
              </Table.Td>
              <Table.Td ta="right">
                <Money cents={c.annualRevenueCents} whole />
              </Table.Td>
              <Table.Td ta="right">
                {c.pAlive === null ? '' : `${formatNumber(c.pAlive * 100, locale)} %`}
              </Table.Td>
              <Table.Td ta="right">{c.clvCents === null ? '' : <Money cents={c.clvCents} whole />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
