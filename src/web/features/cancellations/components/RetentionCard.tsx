import { Card, Grid, SimpleGrid, Table, Text, Title } from '@mantine/core'
import { formatPercent } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { Money } from '../../../ui/format'
import { useRetentionSummaryQuery } from '../hooks/useCancellations'

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg">
        {children}
      </Text>
    </div>
  )
}

/** Cancellation management in numbers: received, retention offers, withdrawn or effective, per offer and reason. */
export function RetentionCard() {
  const { t, locale } = useI18n()
  const query = useRetentionSummaryQuery()
  if (query.isError) return <ErrorAlert error={query.error} />
  const s = query.data
  if (!s) return null
  const rate = (r: number | null) => (r === null ? '–' : formatPercent(r, locale))
  return (
    <Card withBorder data-testid="retention-card">
      <Title order={4} mb="sm">
        {t('cancellation.summary.title')}
      </Title>
      {s.received === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cancellation.summary.empty')}
        </Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mb="md">
            <Figure label={t('cancellation.summary.received')}>{s.received}</Figure>
            <Figure label={t('cancellation.summary.pending')}>{s.pending}</Figure>
            <Figure label={t('cancellation.summary.withRetentionOffer')}>{s.withRetentionOffer}</Figure>
            <Figure label={t('cancellation.withdraw')}>{s.withdrawn}</Figure>
            <Figure label={t('cancellation.summary.retentionRate')}>
              <span data-testid="retention-rate">{rate(s.retentionRate)}</span>
            </Figure>
            <Figure label={t('cancellation.summary.kept')}>
              <Money cents={s.keptMonthlyValueCents} />
            </Figure>
          </SimpleGrid>
          <Grid>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Title order={6} mb={4}>
                {t('cancellation.summary.byOffer')}
              </Title>
              <Table data-testid="retention-by-offer">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cancellation.field.offer')}</Table.Th>
                    <Table.Th ta="right">{t('cancellation.summary.attempts')}</Table.Th>
                    <Table.Th ta="right">{t('cancellation.withdraw')}</Table.Th>
                    <Table.Th ta="right">{t('cancellation.makeEffective')}</Table.Th>
                    <Table.Th ta="right">{t('cancellation.summary.retentionRate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.byOffer.map((o) => (
                    <Table.Tr key={o.offer}>
                      <Table.Td>{o.offer}</Table.Td>
                      <Table.Td ta="right">{o.attempts}</Table.Td>
                      <Table.Td ta="right">{o.withdrawn}</Table.Td>
                      <Table.Td ta="right">{o.effective}</Table.Td>
                      <Table.Td ta="right">{rate(o.retentionRate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Title order={6} mb={4}>
                {t('cancellation.field.reason')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cancellation.field.reason')}</Table.Th>
                    <Table.Th ta="right">{t('cancellation.summary.received')}</Table.Th>
                    <Table.Th ta="right">{t('cancellation.withdraw')}</Table.Th>
                    <Table.Th ta="right">{t('cancellation.makeEffective')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.byReason.map((r) => (
                    <Table.Tr key={r.reason?.id ?? 'none'}>
                      <Table.Td>{r.reason?.name[locale] ?? '–'}</Table.Td>
                      <Table.Td ta="right">{r.received}</Table.Td>
                      <Table.Td ta="right">{r.withdrawn}</Table.Td>
                      <Table.Td ta="right">{r.effective}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Card>
  )
}
