import { Badge, Checkbox, Group, Stack, Table, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import type { contactDecisionLogSchema } from '../../../../shared/api/contact'
import { formatDateTime } from '../../../../shared/i18n/format'
import { api, toQuery } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { ContactDecisionText } from '../../contact/components/ContactDecisionText'
import { LOG_PAGE_SIZE, LogCustomer, LogTable } from './LogTable'

type DecisionLog = z.infer<typeof contactDecisionLogSchema>

/** Every answer of the contact law at the moment of acting: who, whom, which channel, why. */
export function ContactDecisionLog() {
  const { t, locale } = useI18n()
  const [page, setPage] = useState(1)
  const [refusedOnly, setRefusedOnly] = useState(false)
  const log = useQuery({
    queryKey: ['contact-decisions', page, refusedOnly],
    queryFn: () =>
      api.get<DecisionLog>(
        `/audit/contact-decisions${toQuery({ page, pageSize: LOG_PAGE_SIZE, refused: String(refusedOnly) })}`,
      ),
    placeholderData: keepPreviousData,
  })
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('audit.decisionsHint')}
        </Text>
        <Checkbox
          label={t('audit.refusedOnly')}
          checked={refusedOnly}
          onChange={(e) => {
            setRefusedOnly(e.currentTarget.checked)
            setPage(1)
          }}
        />
      </Group>
      {log.isError && <ErrorAlert error={log.error} />}
      <LogTable
        testId="contact-decision-log"
        columns={['at', 'user', 'customer', 'occasion', 'result'].map((c) => t(`audit.col.${c}`))}
        empty={log.data?.items.length === 0}
        total={log.data?.total ?? 0}
        page={page}
        onPage={setPage}
        rows={(log.data?.items ?? []).map((d) => (
          <Table.Tr key={d.id} data-allowed={d.decision.allowed}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.decidedAt, locale)}</Table.Td>
            <Table.Td>{d.userName ?? t('audit.system')}</Table.Td>
            <Table.Td>
              <LogCustomer id={d.customerId} number={d.customerNumber} />
            </Table.Td>
            <Table.Td>
              {t(`audit.context.${d.context}`, { defaultValue: d.context })} ·{' '}
              {t(`contact.channel.${d.channel}`, { defaultValue: d.channel })}
            </Table.Td>
            <Table.Td>
              <Badge color={d.decision.allowed ? 'teal' : 'red'} variant="light" tt="none" mb={4}>
                {d.decision.allowed ? t('contact.allowed') : t('contact.blocked')}
              </Badge>
              <ContactDecisionText d={d.decision} />
            </Table.Td>
          </Table.Tr>
        ))}
      />
    </Stack>
  )
}
