import { Badge, Table, Text } from '@mantine/core'
import { formatDateTime, formatNumber } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { useImportRunsQuery } from '../hooks/useImportRunQuery'

const statusColors: Record<string, string> = {
  succeeded: 'green',
  rejected: 'red',
  failed: 'red',
  running: 'blue',
  pending: 'gray',
}

export function RecentImports() {
  const { t, locale } = useI18n()
  const runs = useImportRunsQuery().data?.runs ?? []
  if (runs.length === 0) return null
  return (
    <Table striped data-testid="recent-imports">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('imports.when')}</Table.Th>
          <Table.Th>{t('imports.file')}</Table.Th>
          <Table.Th>{t('imports.format')}</Table.Th>
          <Table.Th ta="right">{t('imports.rows')}</Table.Th>
          <Table.Th>{t('imports.statusCol')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{formatDateTime(r.createdAt, locale)}</Table.Td>
            <Table.Td>
              <Text size="sm">{r.fileName}</Text>
            </Table.Td>
            <Table.Td>{t(`format.${r.format}`)}</Table.Td>
            <Table.Td ta="right">{formatNumber(r.rowsTotal, locale)}</Table.Td>
            <Table.Td>
              <Badge color={statusColors[r.status]} variant="light">
                {t(`imports.result.${r.status}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
