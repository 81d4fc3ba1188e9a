import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core'
import type { NoteAnalysis } from '../../../../shared/api/assist'
import { formatDate, formatPercent } from '../../../../shared/i18n/format'
import type { CallOutcome } from '../../../../shared/worklist'
import { useI18n } from '../../../i18n'
import { useReasonsQuery } from '../../churn/hooks/useChurn'
import { useNoteAnalysis } from '../hooks/useAssist'

export interface NoteAssistChoices {
  reasonId: string | null
  /** ISO */
  dueOn: string
  outcome: CallOutcome | null
  offer: string
  competitor: string
}

/**
 * The assistant's reading of the call note, as proposals with their reasons: the likely churn
 * reasons (confidence and the words behind them), the next Wiedervorlage's day, the outcome, an
 * offer and a competitor. Each is taken over into the form with one click; nothing is saved
 * before the call is.
 */
export function NoteAssist({
  note,
  current,
  onReason,
  onFollowup,
  onOutcome,
  onOffer,
  onCompetitor,
}: {
  note: string
  current: NoteAssistChoices
  onReason: (reasonId: string) => void
  /** an ISO day */
  onFollowup: (dueOn: string, dueTime: string | null) => void
  onOutcome: (outcome: CallOutcome) => void
  onOffer: (offer: string, value: string | null) => void
  onCompetitor: (name: string) => void
}) {
  const { t, locale } = useI18n()
  const analysis = useNoteAnalysis(note)
  const reasons = useReasonsQuery()
  const a: NoteAnalysis | undefined = analysis.data
  if (!a || note.trim().length < 8) return null
  const nameOf = (id: number) => reasons.data?.reasons.find((r) => r.id === id)?.name[locale] ?? `#${id}`
  const followupDay = a.followup ? formatDate(a.followup.dueOn, locale) : ''
  const take = (taken: boolean, onClick: () => void, testId: string) => (
    <Button
      size="compact-xs"
      variant={taken ? 'light' : 'filled'}
      onClick={onClick}
      disabled={taken}
      data-testid={testId}
    >
      {taken ? t('assist.taken') : t('assist.take')}
    </Button>
  )
  return (
    <Paper withBorder p="xs" data-testid="note-assist">
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('assist.title')}
        </Text>
        {a.reasons.state === 'untrained' && (
          <Text size="xs" c="dimmed">
            {t('assist.reasonsUntrained', { count: a.reasons.confirmedNotes, needed: a.reasons.needed })}
          </Text>
        )}
        {a.reasons.state === 'no_words' && (
          <Text size="xs" c="dimmed">
            {t('assist.noWords')}
          </Text>
        )}
        {a.reasons.suggestions.map((s, i) => (
          <Group
            key={s.reasonId}
            gap="xs"
            wrap="nowrap"
            justify="space-between"
            data-testid={`assist-reason-${i}`}
          >
            <Text size="sm">
              {t('assist.reason', {
                name: nameOf(s.reasonId),
                confidence: formatPercent(s.confidence, locale),
              })}
              {s.words.length > 0 && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  {t('assist.because', {
                    words: s.words.join(locale === 'de' ? '“, „' : '”, “'),
                    interpolation: { escapeValue: false },
                  })}
                </Text>
              )}
            </Text>
            {take(
              current.reasonId === String(s.reasonId),
              () => onReason(String(s.reasonId)),
              `assist-take-reason-${i}`,
            )}
          </Group>
        ))}
        {a.followup && (
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm">
              {t('assist.followup', {
                date: followupDay,
                time: a.followup.dueTime ? `, ${a.followup.dueTime}` : '',
                text: a.followup.text,
                interpolation: { escapeValue: false },
              })}
              {a.followup.movedFromWeekend && (
                <Badge ml={6} size="xs" variant="light" color="gray">
                  {t('assist.movedFromWeekend')}
                </Badge>
              )}
            </Text>
            {take(
              current.dueOn === a.followup.dueOn,
              () => onFollowup(a.followup!.dueOn, a.followup?.dueTime ?? null),
              'assist-take-followup',
            )}
          </Group>
        )}
        {a.outcome && (
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm">
              {t('assist.outcome', {
                outcome: t(`worklist.outcome.${a.outcome.outcome}`),
                text: a.outcome.text,
                interpolation: { escapeValue: false },
              })}
            </Text>
            {take(
              current.outcome === a.outcome.outcome,
              () => onOutcome(a.outcome!.outcome),
              'assist-take-outcome',
            )}
          </Group>
        )}
        {a.offer && (
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm">
              {t('assist.offer', { offer: a.offer.offer, interpolation: { escapeValue: false } })}
            </Text>
            {take(
              current.offer === a.offer.offer,
              () => onOffer(a.offer!.offer, a.offer!.value),
              'assist-take-offer',
            )}
          </Group>
        )}
        {a.competitor && (
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm">
              {t('assist.competitor', { name: a.competitor.name, interpolation: { escapeValue: false } })}
            </Text>
            {take(
              current.competitor === a.competitor.name,
              () => onCompetitor(a.competitor!.name),
              'assist-take-competitor',
            )}
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('assist.hint')}
        </Text>
      </Stack>
    </Paper>
  )
}
