import { Anchor, Badge, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core'
import { Link } from 'react-router'
import type { WorklistItem } from '../../../../shared/api/worklist'
import { describePick } from '../../../../shared/i18n/describe'
import { formatDate, formatMoney, type Locale } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'

const kindColor = {
  followup_overdue: 'red',
  followup_due: 'orange',
  campaign: 'violet',
  winback_list: 'teal',
} as const
const priorityColor = { normal: 'gray', high: 'orange', urgent: 'red' } as const

/** The legal traffic light: each channel green when the law allows it today, red with why not. */
function ChannelLights({ item }: { item: WorklistItem }) {
  const { t } = useI18n()
  return (
    <Group gap={4} data-testid="channel-lights">
      {item.channels.map((c) => (
        <Tooltip
          key={c.channel}
          label={
            c.allowed
              ? t('worklist.lawAllows')
              : c.blockers.map((b) => t(`contact.blockers.${b}`)).join(' · ') || t('worklist.lawBlocks')
          }
          multiline
          w={260}
        >
          <Badge
            size="sm"
            variant={c.allowed ? 'filled' : 'outline'}
            color={c.allowed ? 'teal' : 'red'}
            data-allowed={c.allowed}
            data-channel={c.channel}
          >
            {c.allowed ? '●' : '○'} {t(`worklist.channel.${c.channel}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  )
}

/** Why the row is there, in the language on screen (the API's whyText is in the user's stored one). */
function whyOf(item: WorklistItem, t: ReturnType<typeof useI18n>['t'], locale: Locale): string {
  if (item.why === null)
    return describePick(
      t,
      {
        kind: item.kind as 'followup_due' | 'followup_overdue',
        dueOn: item.dueOn,
        dueTime: item.dueTime,
        note: item.note,
      },
      locale,
    )
  return describePick(t, { kind: item.kind as 'campaign' | 'winback_list', ...item.why }, locale)
}

export function WorklistItemCard({ item, onCall }: { item: WorklistItem; onCall: () => void }) {
  const { t, locale } = useI18n()
  return (
    <Card
      withBorder
      data-testid={`worklist-item-${item.customerNumber}`}
      data-kind={item.kind}
      data-done={item.done}
      opacity={item.done ? 0.6 : 1}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1 }}>
          <Group gap="xs">
            <Badge color={kindColor[item.kind]} variant="light">
              {t(`worklist.kind.${item.kind}`)}
            </Badge>
            {item.priority !== 'normal' && (
              <Badge color={priorityColor[item.priority]} variant="light">
                {t(`worklist.priority.${item.priority}`)}
              </Badge>
            )}
            {item.dueTime && <Badge variant="outline">{item.dueTime}</Badge>}
            <Anchor component={Link} to={`/customers/${item.customerId}`} fw={600}>
              {item.displayName}
            </Anchor>
            <Text size="sm" c="dimmed">
              {item.customerNumber}
              {item.city ? ` · ${item.city}` : ''}
            </Text>
            {item.done && (
              <Badge color="teal" variant="filled" data-testid="item-done">
                ✓ {t('worklist.done')}
              </Badge>
            )}
          </Group>
          <Text size="sm" data-testid="item-why">
            {whyOf(item, t, locale)}
          </Text>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('worklist.reasons')}:
            </Text>
            {item.reasons.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('worklist.noReason')}
              </Text>
            ) : (
              item.reasons.map((r) => (
                <Badge key={r.id} variant="outline" size="sm">
                  {r[locale]}
                </Badge>
              ))
            )}
          </Group>
          {item.measure && (
            <Text size="sm" data-testid="item-measure">
              <b>{t('worklist.measure')}:</b> {item.measure.name[locale]} ·{' '}
              {item.measure.talkingPoints[locale]}
              {item.measure.defaultOffer
                ? ` · ${t('worklist.offerSuggestion')}: ${item.measure.defaultOffer}`
                : ''}
              {item.measure.maxOfferCents !== null
                ? ` (${t('worklist.maxOffer')} ${formatMoney(item.measure.maxOfferCents, locale, 'EUR', 0)})`
                : ''}
            </Text>
          )}
          {item.hooks.length > 0 && (
            <Text size="sm" data-testid="item-hooks">
              <b>{t('worklist.hooks')}:</b> {item.hooks.map((h) => h.title).join(' · ')}
            </Text>
          )}
          {(item.lastOffer || item.lastCall) && (
            <Text size="sm" c="dimmed">
              {item.lastOffer &&
                `${t('worklist.lastOffer')}: ${item.lastOffer.offer ?? ''}${
                  item.lastOffer.offerCents !== null
                    ? ` (${formatMoney(item.lastOffer.offerCents, locale)})`
                    : ''
                }, ${formatDate(item.lastOffer.on, locale)}. `}
              {item.lastCall &&
                `${t('worklist.lastCall')}: ${formatDate(item.lastCall.on, locale)}, ${t(`worklist.reached.${item.lastCall.reached}`)}${
                  item.lastCall.outcome ? ` – ${t(`worklist.outcome.${item.lastCall.outcome}`)}` : ''
                }`}
            </Text>
          )}
          {item.note && (
            <Text size="sm" fs="italic">
              {item.note}
            </Text>
          )}
          <ChannelLights item={item} />
        </Stack>
        <Stack gap="xs" align="flex-end">
          {item.phone && (
            <Anchor href={`tel:${item.phone.replace(/[^\d+]/g, '')}`} data-testid="item-phone">
              ☎ {item.phone}
            </Anchor>
          )}
          {item.valueCents !== null && (
            <Text size="xs" c="dimmed">
              {t('worklist.value')}: {formatMoney(item.valueCents, locale, 'EUR', 0)}
            </Text>
          )}
          <Button
            size="xs"
            onClick={onCall}
            disabled={item.done && item.followupId === null}
            data-testid={`log-call-${item.customerNumber}`}
          >
            {t('worklist.logCall')}
          </Button>
        </Stack>
      </Group>
    </Card>
  )
}
