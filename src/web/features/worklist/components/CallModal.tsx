import {
  Alert,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { CallInput } from '../../../../shared/api/worklist'
import { formatDate } from '../../../../shared/i18n/format'
import {
  type CallOutcome,
  type CallReached,
  callOutcomes,
  callReached,
  type FollowupPriority,
  finalCallOutcomes,
  followupPriorities,
  guidanceSituations,
} from '../../../../shared/worklist'
import { useI18n } from '../../../i18n'
import { ChoiceSelect } from '../../../ui/ChoiceSelect'
import { FormModal } from '../../../ui/FormModal'
import { localIsoDate } from '../../../ui/format'
import { dayOfTyped } from '../../../ui/typed-day'
import { LanguageModelTools } from '../../assist/components/LanguageModelTools'
import { NoteAssist } from '../../assist/components/NoteAssist'
import { useReasonsQuery } from '../../churn/hooks/useChurn'
import { useLogCall } from '../hooks/useWorklist'

/** The ISO day of a typed date (anything else as typed: the server checks it and says why). */
const isoOfTyped = (text: string) => dayOfTyped(text) ?? text.trim()

/** The next Monday-to-Friday after today, as the user types dates. */
function nextWorkingDayText(locale: 'de' | 'en'): string {
  const d = new Date()
  do d.setDate(d.getDate() + 1)
  while (d.getDay() === 0 || d.getDay() === 6)
  return formatDate(localIsoDate(d), locale)
}

/**
 * Logging a call in one step: whether anybody was reached, what came of it, the offer, the reason
 * learned, a note, and the next Wiedervorlage (required unless the outcome is final).
 */
export function CallModal({
  customerId,
  customerName,
  followupId,
  defaultOffer,
  measureId,
  onClose,
}: {
  customerId: number
  customerName: string
  followupId?: number | null
  defaultOffer?: string | null
  /** the measure the Tagesliste suggested: recorded with the attempt, so the playbook learns */
  measureId?: number | null
  onClose: () => void
}) {
  const { t, locale } = useI18n()
  const log = useLogCall(customerId)
  const reasons = useReasonsQuery()
  const [reached, setReached] = useState<CallReached>('reached')
  const [outcome, setOutcome] = useState<CallOutcome | null>(null)
  const [offer, setOffer] = useState(defaultOffer ?? '')
  const [offerValue, setOfferValue] = useState('')
  const [reasonId, setReasonId] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [dueOn, setDueOn] = useState(nextWorkingDayText(locale))
  const [dueTime, setDueTime] = useState('')
  const [priority, setPriority] = useState<FollowupPriority>('normal')
  const [competitor, setCompetitor] = useState('')
  const isReached = reached === 'reached'
  const final = isReached && outcome !== null && finalCallOutcomes.includes(outcome)
  const needsNext = !final
  const canSubmit = (!isReached || outcome !== null) && (!needsNext || dueOn.trim() !== '')
  const submit = () => {
    const body: CallInput = {
      channel: 'phone',
      reached,
      outcome: isReached ? outcome : null,
      offer: isReached && offer.trim() ? offer.trim() : undefined,
      offerValue: isReached && offerValue.trim() ? offerValue.trim() : undefined,
      reasonId: isReached && reasonId ? Number(reasonId) : null,
      note: note.trim() || undefined,
      competitor: isReached && competitor.trim() ? competitor.trim() : undefined,
      followupId: followupId ?? undefined,
      measureId: measureId ?? null,
      next: needsNext ? { dueOn: isoOfTyped(dueOn), dueTime: dueTime.trim() || null, priority } : null,
    }
    log.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('worklist.call.saved') })
        onClose()
      },
    })
  }
  return (
    <FormModal
      title={t('worklist.call.title', { name: customerName })}
      onClose={onClose}
      onSubmit={submit}
      pending={log.isPending}
      error={log.error}
      canSubmit={canSubmit}
      submitTestId="call-save"
      submitColor={outcome === 'objects_to_advertising' ? 'red' : undefined}
    >
      <SegmentedControl
        fullWidth
        data={callReached.map((r) => ({ value: r, label: t(`worklist.reached.${r}`) }))}
        value={reached}
        onChange={(v) => {
          setReached(v as CallReached)
          if (v !== 'reached') setOutcome(null)
        }}
        data-testid="call-reached"
      />
      {isReached && (
        <>
          <Select
            label={t('worklist.call.outcome')}
            data={callOutcomes.map((o) => ({ value: o, label: t(`worklist.outcome.${o}`) }))}
            value={outcome}
            onChange={(v) => setOutcome(v as CallOutcome | null)}
            required
            data-testid="call-outcome"
          />
          {outcome === 'objects_to_advertising' && (
            <Alert color="red" data-testid="objection-hint">
              {t('worklist.call.objectionHint')}
            </Alert>
          )}
          <Group grow>
            <TextInput
              label={t('worklist.call.offer')}
              value={offer}
              onChange={(e) => setOffer(e.currentTarget.value)}
            />
            <TextInput
              label={t('worklist.call.offerValue')}
              value={offerValue}
              onChange={(e) => setOfferValue(e.currentTarget.value)}
              placeholder="0,00"
            />
          </Group>
          <Group grow>
            <Select
              label={t('worklist.call.reason')}
              data={(reasons.data?.reasons ?? []).map((r) => ({
                value: String(r.id),
                label: r.name[locale],
              }))}
              value={reasonId}
              onChange={setReasonId}
              clearable
              searchable
              data-testid="call-reason"
            />
            <TextInput
              label={t('worklist.call.competitor')}
              value={competitor}
              onChange={(e) => setCompetitor(e.currentTarget.value)}
              data-testid="call-competitor"
            />
          </Group>
        </>
      )}
      <Textarea
        label={t('worklist.call.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        data-testid="call-note"
      />
      {isReached && (
        <NoteAssist
          note={note}
          current={{ reasonId, dueOn: isoOfTyped(dueOn), outcome, offer, competitor }}
          onReason={setReasonId}
          onFollowup={(day, time) => {
            setDueOn(formatDate(day, locale))
            if (time) setDueTime(time)
          }}
          onOutcome={setOutcome}
          onOffer={(text, value) => {
            setOffer(text)
            if (value) setOfferValue(value)
          }}
          onCompetitor={setCompetitor}
        />
      )}
      <LanguageModelTools customerId={customerId} note={note} onUseAsNote={setNote} />
      {needsNext ? (
        <Stack gap={4}>
          <Text fw={500} size="sm">
            {isReached ? t('worklist.call.next') : t('worklist.call.retry')}
          </Text>
          <Group grow>
            <TextInput
              label={t('worklist.call.dueOn')}
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
              required
              data-testid="call-due-on"
            />
            <TextInput
              label={t('worklist.call.dueTime')}
              value={dueTime}
              onChange={(e) => setDueTime(e.currentTarget.value)}
              placeholder="10:30"
            />
            <ChoiceSelect
              label={t('worklist.call.priority')}
              choices={followupPriorities}
              labelOf={(p) => t(`worklist.priority.${p}`)}
              value={priority}
              onChange={setPriority}
            />
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('worklist.call.final')}
        </Text>
      )}
      <Guidance />
    </FormModal>
  )
}

/** Seed 002's situations and the strategy for each: what to do when the call goes this way. */
export function Guidance() {
  const { t } = useI18n()
  return (
    <details>
      <summary>
        <Text span size="sm" fw={500}>
          {t('worklist.guidance.title')}
        </Text>
      </summary>
      <Table fz="sm" mt="xs">
        <Table.Tbody>
          {guidanceSituations.map((s) => (
            <Table.Tr key={s}>
              <Table.Td fw={500}>{t(`worklist.guidance.${s}.situation`)}</Table.Td>
              <Table.Td>{t(`worklist.guidance.${s}.strategy`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  )
}
