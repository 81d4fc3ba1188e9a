import { Stack, Table, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import type { auditLogSchema } from '../../../../shared/api/contact'
import { formatDateTime } from '../../../../shared/i18n/format'
import { api, toQuery } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { describeAuditEntry } from '../describe-audit'
import { LOG_PAGE_SIZE, LogCustomer, LogTable } from './LogTable'

type AuditLog = z.infer<typeof auditLogSchema>

/** The audit log's entries, newest first, each as a sentence. */
export function AuditActionLog() {
  const { t, locale } = useI18n()
  const [page, setPage] = useState(1)
  const log = useQuery({
    queryKey: ['audit', page],
    queryFn: () => api.get<AuditLog>(`/audit${toQuery({ page, pageSize: LOG_PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  })
  return (
    <Stack>
      {log.isError && <ErrorAlert error={log.error} />}
      <LogTable
        testId="audit-log"
        columns={['at', 'user', 'action', 'customer', 'details'].map((c) => t(`audit.col.${c}`))}
        empty={log.data?.items.length === 0}
        total={log.data?.total ?? 0}
        page={page}
        onPage={setPage}
        rows={(log.data?.items ?? []).map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, locale)}</Table.Td>
            <Table.Td>{e.userName ?? t('audit.system')}</Table.Td>
            <Table.Td>{t(`audit.action.${e.action.replace('.', '_')}`, { defaultValue: e.action })}</Table.Td>
            <Table.Td>
              <LogCustomer id={e.entityType === 'customer' ? e.entityId : null} number={e.customerNumber} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {describeAuditEntry(t, e.action, e.details, locale)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      />
    </Stack>
  )
}
