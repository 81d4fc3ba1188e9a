import { Anchor, Card, Group, Pagination, Stack, Table, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { z } from 'zod'
import type { auditLogSchema } from '../../../../shared/api/contact'
import { formatDateTime } from '../../../../shared/i18n/format'
import { api, toQuery } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { describeAuditEntry } from '../describe-audit'

type AuditLog = z.infer<typeof auditLogSchema>
const PAGE_SIZE = 50

/** The audit log's entries, newest first, each as a sentence. */
export function AuditActionLog() {
  const { t, locale } = useI18n()
  const [page, setPage] = useState(1)
  const log = useQuery({
    queryKey: ['audit', page],
    queryFn: () => api.get<AuditLog>(`/audit${toQuery({ page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  })
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1
  return (
    <Stack>
      {log.isError && <ErrorAlert error={log.error} />}
      <Card withBorder p={0}>
        {log.data && log.data.items.length === 0 ? (
          <Text p="md">{t('audit.empty')}</Text>
        ) : (
          <Table striped data-testid="audit-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.col.at')}</Table.Th>
                <Table.Th>{t('audit.col.user')}</Table.Th>
                <Table.Th>{t('audit.col.action')}</Table.Th>
                <Table.Th>{t('audit.col.customer')}</Table.Th>
                <Table.Th>{t('audit.col.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.items ?? []).map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, locale)}</Table.Td>
                  <Table.Td>{e.userName ?? t('audit.system')}</Table.Td>
                  <Table.Td>
                    {t(`audit.action.${e.action.replace('.', '_')}`, { defaultValue: e.action })}
                  </Table.Td>
                  <Table.Td>
                    {e.entityType === 'customer' && e.entityId ? (
                      <Anchor
                        component={Link}
                        to={`/customers/${e.entityId}`}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {e.customerNumber ?? `#${e.entityId}`}
                      </Anchor>
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-word' }}>
                      {describeAuditEntry(t, e.action, e.details, locale)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  )
}
