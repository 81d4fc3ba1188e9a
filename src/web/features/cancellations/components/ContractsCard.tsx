import { Badge, Button, Card, Group, Select, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { CancellationDto } from '../../../../shared/api/cancellations'
import type { CustomerDetail } from '../../../../shared/api/customers'
import { formatDate, todayText } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { FormModal } from '../../../ui/FormModal'
import { DateText, Money } from '../../../ui/format'
import { useReasonsQuery } from '../../churn/hooks/useChurn'
import {
  useCancellationsQuery,
  useDecideCancellation,
  useRecordCancellation,
  useRecordRetention,
} from '../hooks/useCancellations'

type Contract = CustomerDetail['contracts'][number]

const outcomeColor = { pending: 'orange', withdrawn: 'teal', effective: 'red' } as const

function RecordModal({
  customerId,
  contract,
  onClose,
}: {
  customerId: number
  contract: Contract
  onClose: () => void
}) {
  const { t, locale } = useI18n()
  const reasons = useReasonsQuery().data?.reasons ?? []
  const record = useRecordCancellation(customerId)
  const today = todayText(locale)
  // an imported cancellation already carries its day: recording it adds the reason and the retention
  const [receivedOn, setReceivedOn] = useState(
    contract.cancelledOn ? formatDate(contract.cancelledOn, locale) : today,
  )
  const [effectiveOn, setEffectiveOn] = useState(contract.endsOn ? formatDate(contract.endsOn, locale) : '')
  const [reasonId, setReasonId] = useState<string | null>(null)
  const [note, setNote] = useState('')
  return (
    <FormModal
      title={`${t('cancellation.record')}: ${contract.number ?? ''} ${contract.product ?? ''}`}
      onClose={onClose}
      pending={record.isPending}
      error={record.error}
      submitTestId="cancellation-save"
      onSubmit={() =>
        record.mutate(
          {
            contractId: contract.id,
            receivedOn,
            effectiveOn: effectiveOn.trim() || undefined,
            reasonId: reasonId ? Number(reasonId) : undefined,
            note: note.trim() || undefined,
          },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('cancellation.saved') })
              onClose()
            },
          },
        )
      }
    >
      <Group grow>
        <TextInput
          label={t('cancellation.field.receivedOn')}
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('cancellation.field.effectiveOn')}
          value={effectiveOn}
          onChange={(e) => setEffectiveOn(e.currentTarget.value)}
        />
      </Group>
      <Select
        label={t('cancellation.field.reason')}
        data={reasons.map((r) => ({
          value: String(r.id),
          label: `${r.name[locale]} (${t(`churn.kind.${r.kind}`)})`,
        }))}
        value={reasonId}
        onChange={setReasonId}
        searchable
        clearable
        data-testid="cancellation-reason"
      />
      <Textarea
        label={t('cancellation.field.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  )
}

function RetentionModal({
  customerId,
  cancellation,
  onClose,
}: {
  customerId: number
  cancellation: CancellationDto
  onClose: () => void
}) {
  const { t, locale } = useI18n()
  const retention = useRecordRetention(customerId)
  const [offer, setOffer] = useState(cancellation.retentionOffer ?? '')
  const [value, setValue] = useState('')
  const [attemptedOn, setAttemptedOn] = useState(todayText(locale))
  return (
    <FormModal
      title={t('cancellation.retention')}
      onClose={onClose}
      pending={retention.isPending}
      error={retention.error}
      canSubmit={offer.trim() !== ''}
      submitTestId="retention-save"
      onSubmit={() =>
        retention.mutate(
          { id: cancellation.id, offer, offerValue: value.trim() || undefined, attemptedOn },
          { onSuccess: onClose },
        )
      }
    >
      <TextInput
        label={t('cancellation.field.offer')}
        value={offer}
        onChange={(e) => setOffer(e.currentTarget.value)}
        required
      />
      <Group grow>
        <TextInput
          label={t('cancellation.field.offerValue')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          placeholder="0,00"
        />
        <TextInput
          label={t('cancellation.field.attemptedOn')}
          value={attemptedOn}
          onChange={(e) => setAttemptedOn(e.currentTarget.value)}
        />
      </Group>
    </FormModal>
  )
}

function DecideModal({
  customerId,
  cancellation,
  onClose,
}: {
  customerId: number
  cancellation: CancellationDto
  onClose: () => void
}) {
  const { t, locale } = useI18n()
  const decide = useDecideCancellation(customerId)
  const [outcome, setOutcome] = useState<'withdrawn' | 'effective' | null>(null)
  const [decidedOn, setDecidedOn] = useState(todayText(locale))
  return (
    <FormModal
      title={t('cancellation.decide')}
      onClose={onClose}
      pending={decide.isPending}
      error={decide.error}
      canSubmit={outcome !== null}
      submitTestId="cancellation-decide-save"
      onSubmit={() =>
        outcome && decide.mutate({ id: cancellation.id, outcome, decidedOn }, { onSuccess: onClose })
      }
    >
      <Group grow>
        <Select
          label={t('cancellation.decide')}
          data={[
            { value: 'withdrawn', label: t('cancellation.withdraw') },
            { value: 'effective', label: t('cancellation.makeEffective') },
          ]}
          value={outcome}
          onChange={(v) => setOutcome(v as typeof outcome)}
          data-testid="cancellation-outcome"
        />
        <TextInput
          label={t('cancellation.field.decidedOn')}
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
        />
      </Group>
    </FormModal>
  )
}

type Dialog =
  | { kind: 'record'; contract: Contract }
  | { kind: 'retention'; cancellation: CancellationDto }
  | { kind: 'decide'; cancellation: CancellationDto }

/** The customer's contracts with cancellation management: received, retention offer, withdrawn or effective. */
export function ContractsCard({ customerId, contracts }: { customerId: number; contracts: Contract[] }) {
  const { t, locale } = useI18n()
  const query = useCancellationsQuery(customerId)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const cancellations = query.data?.cancellations ?? []
  // the cancellation that governs a contract now: the open one, else the effective one
  const current = (contractId: number) =>
    cancellations.find((k) => k.contractId === contractId && k.outcome === 'pending') ??
    cancellations.find((k) => k.contractId === contractId && k.outcome === 'effective')
  return (
    <Card withBorder data-testid="contracts-card">
      <Title order={4}>{t('cancellation.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('cancellation.hint')}
      </Text>
      {query.isError && <ErrorAlert error={query.error} />}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customer.contract.number')}</Table.Th>
            <Table.Th>{t('customer.contract.product')}</Table.Th>
            <Table.Th>{t('customer.contract.start')}</Table.Th>
            <Table.Th>{t('customer.contract.cancelled')}</Table.Th>
            <Table.Th>{t('customer.contract.end')}</Table.Th>
            <Table.Th>{t('cancellation.state')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contracts.map((k) => {
            const c = current(k.id)
            return (
              <Table.Tr key={k.id} data-testid={`contract-${k.number ?? k.id}`}>
                <Table.Td>{k.number}</Table.Td>
                <Table.Td>{k.product}</Table.Td>
                <Table.Td>
                  <DateText date={k.startedOn} />
                </Table.Td>
                <Table.Td>
                  <DateText date={k.cancelledOn} />
                </Table.Td>
                <Table.Td>
                  <DateText date={k.endsOn} />
                </Table.Td>
                <Table.Td>
                  {c && (
                    <Badge color={outcomeColor[c.outcome]} variant="light">
                      {t(`cancellation.outcome.${c.outcome}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {!c && (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setDialog({ kind: 'record', contract: k })}
                        data-testid="record-cancellation"
                      >
                        {t('cancellation.record')}
                      </Button>
                    )}
                    {c?.outcome === 'pending' && (
                      <>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setDialog({ kind: 'retention', cancellation: c })}
                          data-testid="record-retention"
                        >
                          {t('cancellation.retention')}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setDialog({ kind: 'decide', cancellation: c })}
                          data-testid="decide-cancellation"
                        >
                          {t('cancellation.decide')}
                        </Button>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {cancellations.length > 0 && (
        <>
          <Title order={5} mt="md" mb="xs">
            {t('cancellation.history')}
          </Title>
          <Table data-testid="cancellation-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cancellation.field.contract')}</Table.Th>
                <Table.Th>{t('cancellation.field.receivedOn')}</Table.Th>
                <Table.Th>{t('cancellation.field.reason')}</Table.Th>
                <Table.Th>{t('cancellation.field.offer')}</Table.Th>
                <Table.Th>{t('cancellation.decide')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cancellations.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.contractNumber}</Table.Td>
                  <Table.Td>
                    <DateText date={k.receivedOn} />
                  </Table.Td>
                  <Table.Td>
                    {k.reason?.name[locale] ?? '–'}
                    {k.note && (
                      <Text size="xs" c="dimmed">
                        {k.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {k.retentionOffer ?? '–'}{' '}
                    {k.retentionOfferCents !== null && <Money cents={k.retentionOfferCents} />}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={outcomeColor[k.outcome]} variant="light">
                      {t(`cancellation.outcome.${k.outcome}`)}
                    </Badge>{' '}
                    <DateText date={k.outcomeOn} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {dialog?.kind === 'record' && (
        <RecordModal customerId={customerId} contract={dialog.contract} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'retention' && (
        <RetentionModal
          customerId={customerId}
          cancellation={dialog.cancellation}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'decide' && (
        <DecideModal
          customerId={customerId}
          cancellation={dialog.cancellation}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  )
}
