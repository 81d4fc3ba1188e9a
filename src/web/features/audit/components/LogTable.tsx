import { Anchor, Card, Group, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { useI18n } from '../../../i18n'
import { PagePagination } from '../../../ui/PagePagination'

export const LOG_PAGE_SIZE = 50

/** A page of a log: its columns and rows in a card ("no entries" when empty), pages below. */
export function LogTable({
  testId,
  columns,
  rows,
  empty,
  total,
  page,
  onPage,
}: {
  testId: string
  columns: string[]
  rows: ReactNode
  empty: boolean
  total: number
  page: number
  onPage: (page: number) => void
}) {
  const { t } = useI18n()
  const pages = Math.max(1, Math.ceil(total / LOG_PAGE_SIZE))
  return (
    <>
      <Card withBorder p={0}>
        {empty ? (
          <Text p="md">{t('audit.empty')}</Text>
        ) : (
          <Table striped data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        )}
      </Card>
      {pages > 1 && (
        <Group justify="center">
          <PagePagination total={pages} value={page} onChange={onPage} />
        </Group>
      )}
    </>
  )
}

/** The customer an entry is about, by number, linking to their page; "–" for none. */
export function LogCustomer({ id, number }: { id: string | number | null; number: string | null }) {
  if (id === null) return '–'
  return (
    <Anchor component={Link} to={`/customers/${id}`} style={{ whiteSpace: 'nowrap' }}>
      {number ?? `#${id}`}
    </Anchor>
  )
}
