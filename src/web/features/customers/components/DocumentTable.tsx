import { Badge, Table, Text } from '@mantine/core'
import type { CustomerDetail } from '../../../../shared/api/customers'
import { useI18n } from '../../../i18n'
import { DateText, Money } from '../../../ui/format'

export function DocumentTable({ documents }: { documents: CustomerDetail['documents'] }) {
  const { t } = useI18n()
  return (
    <Table.ScrollContainer minWidth={640} mah={420}>
      <Table striped stickyHeader data-testid="documents">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customer.doc.date')}</Table.Th>
            <Table.Th>{t('customer.doc.kind')}</Table.Th>
            <Table.Th>{t('customer.doc.number')}</Table.Th>
            <Table.Th>{t('customer.doc.reference')}</Table.Th>
            <Table.Th ta="right">{t('customer.doc.net')}</Table.Th>
            <Table.Th>{t('customer.doc.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <DateText date={d.date} />
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="outline"
                  color={d.kind === 'invoice' || d.kind === 'order' ? 'gray' : 'red'}
                  size="sm"
                >
                  {t(`docKind.${d.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{d.number}</Table.Td>
              <Table.Td>{d.referenceNumber}</Table.Td>
              <Table.Td ta="right">
                <Money cents={d.netCents} currency={d.currency} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {[d.status, d.countsAsPurchase ? null : t('customer.doc.notPurchase')]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
