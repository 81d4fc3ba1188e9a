import { Badge, Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import {
  type ReasonConfidence,
  type ReasonSource,
  reasonConfidences,
  reasonSources,
} from '../../../../shared/churn'
import { formatDate, formatMoney, todayText } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { ChoiceSelect } from '../../../ui/ChoiceSelect'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { FormModal } from '../../../ui/FormModal'
import { useCustomerReasonsQuery, useReasonsQuery, useRecordReason, useRemoveReason } from '../hooks/useChurn'

function RecordReasonModal({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const { t, locale } = useI18n()
  const reasons = useReasonsQuery().data?.reasons ?? []
  const record = useRecordReason(customerId)
  const [reasonId, setReasonId] = useState<string | null>(null)
  const [source, setSource] = useState<ReasonSource>('assumed')
  const [confidence, setConfidence] = useState<ReasonConfidence>('medium')
  const [recordedOn, setRecordedOn] = useState(todayText(locale))
  const [note, setNote] = useState('')
  const [cost, setCost] = useState('')
  return (
    <FormModal
      title={t('churn.record')}
      onClose={onClose}
      pending={record.isPending}
      error={record.error}
      canSubmit={reasonId !== null}
      submitTestId="reason-save"
      onSubmit={() => {
        if (!reasonId) return
        record.mutate(
          {
            reasonId: Number(reasonId),
            source,
            confidence,
            recordedOn,
            note: note.trim() || undefined,
            remediationCost: cost.trim() || undefined,
          },
          { onSuccess: onClose },
        )
      }}
    >
      <Select
        label={t('churn.field.reason')}
        data={reasons.map((r) => ({
          value: String(r.id),
          label: `${r.name[locale]} (${t(`churn.kind.${r.kind}`)})`,
        }))}
        value={reasonId}
        onChange={setReasonId}
        searchable
        required
        data-testid="reason-select"
      />
      <Group grow>
        <ChoiceSelect
          label={t('churn.field.source')}
          choices={reasonSources}
          labelOf={(s) => t(`churn.source.${s}`)}
          value={source}
          onChange={setSource}
        />
        <ChoiceSelect
          label={t('churn.field.confidence')}
          choices={reasonConfidences}
          labelOf={(s) => t(`churn.confidence.${s}`)}
          value={confidence}
          onChange={setConfidence}
        />
      </Group>
      <Group grow>
        <TextInput
          label={t('churn.field.recordedOn')}
          value={recordedOn}
          onChange={(e) => setRecordedOn(e.currentTarget.value)}
        />
        <TextInput
          label={t('churn.field.remediationCost')}
          value={cost}
          onChange={(e) => setCost(e.currentTarget.value)}
          placeholder="0,00"
        />
      </Group>
      <Textarea
        label={t('churn.field.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  )
}

/** Why this customer left: the recorded reasons with source, confidence and note. */
export function ReasonsCard({ customerId }: { customerId: number }) {
  const { t, locale } = useI18n()
  const query = useCustomerReasonsQuery(customerId)
  const remove = useRemoveReason(customerId)
  const [open, setOpen] = useState(false)
  return (
    <Card withBorder data-testid="reasons-card">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('churn.card')}</Title>
        <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="record-reason">
          {t('churn.record')}
        </Button>
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && query.data.reasons.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('churn.none')}
        </Text>
      )}
      <Stack gap={6}>
        {query.data?.reasons.map((r) => (
          <Group key={r.id} justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text size="sm" fw={500}>
                {r.reason.name[locale]}{' '}
                <Badge size="xs" variant="light" color={r.reason.kind === 'controllable' ? 'orange' : 'gray'}>
                  {t(`churn.kind.${r.reason.kind}`)}
                </Badge>
              </Text>
              <Text size="xs" c="dimmed">
                {formatDate(r.recordedOn, locale)} · {t(`churn.source.${r.source}`)} ·{' '}
                {t(`churn.confidence.${r.confidence}`)}
                {r.remediationCostCents !== null
                  ? ` · ${t('churn.col.remediationCost')}: ${formatMoney(r.remediationCostCents, locale)}`
                  : ''}
                {r.recordedBy ? ` · ${t('churn.recordedBy', { name: r.recordedBy })}` : ''}
              </Text>
              {r.note && <Text size="sm">{r.note}</Text>}
            </div>
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(r.id)}>
              {t('churn.remove')}
            </Button>
          </Group>
        ))}
      </Stack>
      {open && <RecordReasonModal customerId={customerId} onClose={() => setOpen(false)} />}
    </Card>
  )
}
