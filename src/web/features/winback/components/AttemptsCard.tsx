import { Badge, Button, Card, Group, Select, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { AttemptDto, AttemptOutcomeInput } from '../../../../shared/api/winback'
import { formatDate, formatPercent, todayText } from '../../../../shared/i18n/format'
import { type AttemptChannel, attemptChannels } from '../../../../shared/winback'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { FormModal } from '../../../ui/FormModal'
import { DateText, Money } from '../../../ui/format'
import { useAttemptsQuery, useDecideAttempt, useStartAttempt } from '../hooks/useWinback'

const outcomeColor = {
  open: 'orange',
  won_back: 'teal',
  promised: 'yellow',
  declined: 'red',
  no_response: 'gray',
} as const
type Decided = AttemptOutcomeInput['outcome']
const decidedOutcomes: Decided[] = ['won_back', 'declined', 'no_response']

function StartModal({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const { t, locale } = useI18n()
  const start = useStartAttempt(customerId)
  const [channel, setChannel] = useState<AttemptChannel | null>(null)
  const [offer, setOffer] = useState('')
  const [value, setValue] = useState('')
  const [startedOn, setStartedOn] = useState(todayText(locale))
  const [note, setNote] = useState('')
  return (
    <FormModal
      title={t('winback.attempts.start')}
      onClose={onClose}
      pending={start.isPending}
      error={start.error}
      canSubmit={channel !== null}
      submitTestId="attempt-save"
      onSubmit={() =>
        channel &&
        start.mutate(
          {
            channel,
            offer: offer.trim() || undefined,
            offerValue: value.trim() || undefined,
            startedOn,
            note: note.trim() || undefined,
          },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('winback.attempts.saved') })
              onClose()
            },
          },
        )
      }
    >
      <Text size="sm" c="dimmed">
        {t('winback.attempts.lawHint')}
      </Text>
      <Group grow>
        <Select
          label={t('winback.attempts.field.channel')}
          data={attemptChannels.map((c) => ({ value: c, label: t(`winback.attempts.channel.${c}`) }))}
          value={channel}
          onChange={(v) => setChannel(v as AttemptChannel | null)}
          required
          data-testid="attempt-channel"
        />
        <TextInput
          label={t('winback.attempts.field.startedOn')}
          value={startedOn}
          onChange={(e) => setStartedOn(e.currentTarget.value)}
        />
      </Group>
      <Group grow>
        <TextInput
          label={t('winback.attempts.field.offer')}
          value={offer}
          onChange={(e) => setOffer(e.currentTarget.value)}
        />
        <TextInput
          label={t('winback.attempts.field.offerValue')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          placeholder="0,00"
        />
      </Group>
      <Textarea
        label={t('winback.attempts.field.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  )
}

function DecideModal({
  customerId,
  attempt,
  onClose,
}: {
  customerId: number
  attempt: AttemptDto
  onClose: () => void
}) {
  const { t, locale } = useI18n()
  const decide = useDecideAttempt(customerId)
  const [outcome, setOutcome] = useState<Decided | null>(
    attempt.recorded === 'open' ? null : attempt.recorded,
  )
  const [decidedOn, setDecidedOn] = useState(todayText(locale))
  const [note, setNote] = useState(attempt.note ?? '')
  return (
    <FormModal
      title={t('winback.attempts.decide')}
      onClose={onClose}
      pending={decide.isPending}
      error={decide.error}
      canSubmit={outcome !== null}
      submitTestId="attempt-outcome-save"
      onSubmit={() =>
        outcome && decide.mutate({ id: attempt.id, outcome, decidedOn, note }, { onSuccess: onClose })
      }
    >
      <Group grow>
        <Select
          label={t('winback.attempts.field.outcome')}
          data={decidedOutcomes.map((o) => ({ value: o, label: t(`winback.attempts.outcome.${o}`) }))}
          value={outcome}
          onChange={(v) => setOutcome(v as Decided | null)}
          data-testid="attempt-outcome"
        />
        <TextInput
          label={t('winback.attempts.field.decidedOn')}
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
        />
      </Group>
      {outcome === 'won_back' && attempt.outcome !== 'won_back' && (
        <Text size="sm" c="dimmed" data-testid="promise-hint">
          {t('winback.attempts.promiseHint', { date: formatDate(attempt.windowEnds, locale) })}
        </Text>
      )}
      <Textarea
        label={t('winback.attempts.field.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  )
}

/** What proves (or does not yet prove) a win-back: the purchase, or the window it is awaited in. */
function Proof({ attempt }: { attempt: AttemptDto }) {
  const { t, locale } = useI18n()
  const text =
    attempt.outcome === 'won_back' && attempt.wonOn
      ? t('winback.attempts.proof.won', {
          date: formatDate(attempt.wonOn, locale),
          document: attempt.wonDocument ?? '–',
        })
      : attempt.outcome === 'promised'
        ? t(attempt.windowOpen ? 'winback.attempts.proof.waiting' : 'winback.attempts.proof.lapsed', {
            date: formatDate(attempt.windowEnds, locale),
          })
        : null
  return text ? (
    <Text size="xs" c="dimmed" data-testid="attempt-proof">
      {text}
    </Text>
  ) : null
}

/** The attempts to win this customer back and how each ended; the outcomes teach the probability model. */
export function AttemptsCard({ customerId }: { customerId: number }) {
  const { t, locale } = useI18n()
  const query = useAttemptsQuery(customerId)
  const [starting, setStarting] = useState(false)
  const [deciding, setDeciding] = useState<AttemptDto | null>(null)
  const attempts = query.data?.attempts ?? []
  const open = attempts.some((a) => a.outcome === 'open')
  return (
    <Card withBorder data-testid="attempts-card">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('winback.attempts.title')}</Title>
        <Button
          size="xs"
          variant="light"
          disabled={open}
          onClick={() => setStarting(true)}
          data-testid="start-attempt"
        >
          {t('winback.attempts.start')}
        </Button>
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && attempts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('winback.attempts.none')}
        </Text>
      )}
      {attempts.length > 0 && (
        <Table data-testid="attempts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('winback.attempts.field.startedOn')}</Table.Th>
              <Table.Th>{t('winback.attempts.field.channel')}</Table.Th>
              <Table.Th>{t('winback.attempts.field.offer')}</Table.Th>
              <Table.Th>{t('winback.attempts.probability')}</Table.Th>
              <Table.Th>{t('winback.attempts.field.outcome')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attempts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <DateText date={a.startedOn} />
                </Table.Td>
                <Table.Td>{t(`winback.attempts.channel.${a.channel}`)}</Table.Td>
                <Table.Td>
                  {a.offer ?? '–'} {a.offerCents !== null && <Money cents={a.offerCents} />}
                  {a.note && (
                    <Text size="xs" c="dimmed">
                      {a.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatPercent(a.probability, locale)}</Table.Td>
                <Table.Td>
                  <Badge color={outcomeColor[a.outcome]} variant="light">
                    {t(`winback.attempts.outcome.${a.outcome}`)}
                  </Badge>{' '}
                  <DateText date={a.outcomeOn} />
                  <Proof attempt={a} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setDeciding(a)}
                    data-testid="decide-attempt"
                  >
                    {t('winback.attempts.decide')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {starting && <StartModal customerId={customerId} onClose={() => setStarting(false)} />}
      {deciding && (
        <DecideModal customerId={customerId} attempt={deciding} onClose={() => setDeciding(null)} />
      )}
    </Card>
  )
}
