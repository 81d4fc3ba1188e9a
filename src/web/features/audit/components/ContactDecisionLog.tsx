import { Anchor, Badge, Card, Checkbox, Group, Pagination, Stack, Table, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { z } from 'zod'
import type { contactDecisionLogSchema } from '../../../../shared/api/contact'
import { formatDateTime } from '../../../../shared/i18n/format'
import { api, toQuery } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { ContactDecisionText } from '../../contact/components/ContactDecisionText'

type DecisionLog = z.infer<typeof contactDecisionLogSchema>
const PAGE_SIZE = 50

/** Every answer of the contact law at the moment of acting: who, whom, which channel, why. */
export function ContactDecisionLog() {
  const { t, locale } = useI18n()
  const [page, setPage] = useState(1)
  const [refusedOnly, setRefusedOnly] = useState(false)
  const log = useQuery({
    queryKey: ['contact-decisions', page, refusedOnly],
    queryFn: () =>
      api.get<DecisionLog>(
        `/audit/contact-decisions${toQuery({ page, pageSize: PAGE_SIZE, refused: String(refusedOnly) })}`,
      ),
    placeholderData: keepPreviousData,
  })
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1
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
      <Card withBorder p={0}>
        {log.data && log.data.items.length === 0 ? (
          <Text p="md">{t('audit.empty')}</Text>
        ) : (
          <Table striped data-testid="contact-decision-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.col.at')}</Table.Th>
                <Table.Th>{t('audit.col.user')}</Table.Th>
                <Table.Th>{t('audit.col.customer')}</Table.Th>
                <Table.Th>{t('audit.col.occasion')}</Table.Th>
                <Table.Th>{t('audit.col.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.items ?? []).map((d) => (
                <Table.Tr key={d.id} data-allowed={d.decision.allowed}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.decidedAt, locale)}</Table.Td>
                  <Table.Td>{d.userName ?? t('audit.system')}</Table.Td>
                  <Table.Td>
                    {d.customerId ? (
                      <Anchor
                        component={Link}
                        to={`/customers/${d.customerId}`}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {d.customerNumber ?? `#${d.customerId}`}
                      </Anchor>
                    ) : (
                      '–'
                    )}
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
