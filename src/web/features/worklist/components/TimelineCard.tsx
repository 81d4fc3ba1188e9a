import { Badge, Card, Group, Text, Timeline, Title } from '@mantine/core'
import type { TimelineEntry } from '../../../../shared/api/worklist'
import { formatDate, formatDateTime, formatMoney, type Locale } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useTimelineQuery } from '../hooks/useWorklist'

const color: Record<TimelineEntry['kind'], string> = {
  purchase: 'teal',
  credit_note: 'orange',
  call: 'blue',
  attempt: 'violet',
  reason: 'grape',
  status: 'gray',
  followup: 'cyan',
  consent: 'green',
  objection: 'red',
  owner: 'yellow',
  campaign: 'indigo',
  warning_sign: 'pink',
  message: 'blue',
}

type T = ReturnType<typeof useI18n>['t']

/** One line for an entry of the timeline, in the reader's language. */
function describe(e: TimelineEntry, t: T, locale: Locale): string {
  const d = e.data
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v))
  switch (e.kind) {
    case 'purchase':
    case 'credit_note':
      return `${text(d.number)} · ${formatMoney(Number(d.netCents), locale)}`
    case 'call':
      return [
        t(`worklist.reached.${d.reached}`),
        d.outcome ? t(`worklist.outcome.${d.outcome}`) : '',
        d.offer ? `${t('worklist.call.offer')}: ${text(d.offer)}` : '',
        d[locale === 'de' ? 'reasonDe' : 'reasonEn']
          ? `${t('worklist.reasons')}: ${text(d[locale === 'de' ? 'reasonDe' : 'reasonEn'])}`
          : '',
        d.competitor ? `${t('worklist.call.competitor')}: ${text(d.competitor)}` : '',
        text(d.note),
        d.by ? `(${text(d.by)})` : '',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'attempt':
      return [
        t(`winback.attempts.channel.${d.channel}`),
        text(d.offer),
        t(`winback.attempts.outcome.${d.outcome}`),
      ]
        .filter(Boolean)
        .join(' · ')
    case 'reason':
      return `${text(d[locale === 'de' ? 'reasonDe' : 'reasonEn'])} (${t(`churn.source.${d.source}`)})`
    case 'status':
      return t(`status.${d.status}`)
    case 'followup':
      return `${formatDate(text(d.dueOn), locale)}${d.dueTime ? ` ${text(d.dueTime)}` : ''} · ${t(`worklist.channel.${d.channel}`)}${
        d.note ? ` · ${text(d.note)}` : ''
      }${d.done ? ` ✓` : ''}${d.assignee ? ` (${text(d.assignee)})` : ''}`
    case 'consent':
      return `${t(`worklist.channel.${d.channel}`)} · ${t(`timeline.consent.${d.change}`)}`
    case 'objection':
      return `${t(`timeline.scope`)}: ${d.scope === 'all' ? t('common.all') : t(`worklist.channel.${d.scope}`)}`
    case 'owner':
      return `${text(d.from) || '–'} → ${text(d.to) || '–'}${d.note ? ` · ${text(d.note)}` : ''}`
    case 'campaign':
      return `${text(d.name)} · ${t(`campaigns.arms.${d.arm}`)}`
    case 'message':
      return [
        d.kind === 'letter'
          ? t('timeline.letterPrinted')
          : d.bounceKind
            ? t(`timeline.bounce.${d.bounceKind}`)
            : t(`timeline.messageState.${d.state}`),
        text(d.subject),
        d.error ? `(${messageError(t, d.state, text(d.error))})` : '',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'warning_sign':
      return [t(`prevention.sign.${d.sign}`), text(d.note), d.by ? `(${text(d.by)})` : '']
        .filter(Boolean)
        .join(' · ')
  }
}

/** Why a mail was not sent, in words (contact-law codes); the mail server's own text as it came. */
function messageError(
  t: (key: string, options?: Record<string, unknown>) => string,
  state: unknown,
  error: string,
) {
  if (state !== 'blocked') return error
  return error
    .split(', ')
    .map((code) => t(`contact.blockers.${code}`, { defaultValue: code }))
    .join(' ')
}

/** Everything that happened with this customer, newest first. */
export function TimelineCard({ customerId }: { customerId: number }) {
  const { t, locale } = useI18n()
  const query = useTimelineQuery(customerId)
  const entries = query.data?.entries ?? []
  return (
    <Card withBorder data-testid="timeline">
      <Title order={4} mb="sm">
        {t('timeline.title')}
      </Title>
      {query.isError && <ErrorAlert error={query.error} />}
      <Timeline bulletSize={12} lineWidth={2}>
        {entries.slice(0, 60).map((e) => (
          <Timeline.Item
            key={`${e.kind}-${e.at}-${JSON.stringify(e.data)}`}
            color={color[e.kind]}
            title={
              <Group gap="xs">
                <Badge size="xs" color={color[e.kind]} variant="light">
                  {t(`timeline.kind.${e.kind}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {e.at.length > 10 ? formatDateTime(e.at, locale) : formatDate(e.at, locale)}
                </Text>
              </Group>
            }
            data-kind={e.kind}
          >
            <Text size="sm">{describe(e, t, locale)}</Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  )
}
