import { Anchor, Badge, Card, Group, Stack, Table, Text, Tooltip } from '@mantine/core'
import { Link } from 'react-router'
import type { WinbackItem } from '../../../../shared/api/winback'
import { describeWinbackValue } from '../../../../shared/i18n/describe'
import {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  type Locale,
} from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'

const attemptColor = {
  open: 'orange',
  promised: 'yellow',
  won_back: 'teal',
  declined: 'gray',
  no_response: 'gray',
} as const

function Why({ item }: { item: WinbackItem }) {
  const { t, locale } = useI18n()
  const factors = item.probabilityFactors
    .map(
      (f) =>
        `${t(`winback.factor.${f.factor}`)} ${f.logOdds > 0 ? '+' : '−'}${formatNumber(Math.abs(f.logOdds), locale, 2)}`,
    )
    .join(', ')
  return (
    <Text size="xs" c="dimmed">
      <span data-testid="value-why">{describeWinbackValue(t, item, locale)}</span>
      {item.reasons.length > 0
        ? ` · ${item.reasons.map((r) => (locale === 'de' ? r.de : r.en)).join(', ')}`
        : ''}
      {factors ? ` · ${factors}` : ''}
    </Text>
  )
}

export function WinbackRow({ item, rank }: { item: WinbackItem; rank: number | null }) {
  const { t, locale } = useI18n()
  return (
    <Table.Tr c={item.pastStop ? 'dimmed' : undefined} data-past-stop={item.pastStop}>
      <Table.Td>{rank ?? ''}</Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/customers/${item.customerId}`}>
            {item.displayName}
          </Anchor>
          {item.lastAttempt && (
            <Tooltip
              label={`${t('winback.col.lastAttempt')}: ${formatDate(item.lastAttempt.startedOn, locale)}`}
            >
              <Badge size="xs" variant="outline" color={attemptColor[item.lastAttempt.outcome]}>
                {t(`winback.attempts.outcome.${item.lastAttempt.outcome}`)}
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Why item={item} />
      </Table.Td>
      <Table.Td>
        <DateCell date={item.lastPurchase} locale={locale} />
      </Table.Td>
      <Table.Td ta="right">{formatMoney(item.valueCents, locale)}</Table.Td>
      <Table.Td ta="right">{formatPercent(item.probability, locale)}</Table.Td>
      <Table.Td ta="right">
        <Tooltip label={`${formatNumber(item.effortMinutes, locale)} min`}>
          <span>{formatMoney(item.costCents, locale)}</span>
        </Tooltip>
      </Table.Td>
      <Table.Td ta="right" fw={600}>
        {formatMoney(item.expectedNetCents, locale)}
      </Table.Td>
      <Table.Td>
        <Verdict item={item} />
      </Table.Td>
    </Table.Tr>
  )
}

function DateCell({ date, locale }: { date: string | null; locale: Locale }) {
  return <>{date ? formatDate(date, locale) : '–'}</>
}

function Verdict({ item }: { item: WinbackItem }) {
  const { t } = useI18n()
  return (
    <>
      {item.exclusion ? (
        <Badge color="gray" variant="light">
          {t(`winback.exclusion.${item.exclusion}`)}
        </Badge>
      ) : item.verdict !== 'worth_it' ? (
        <Badge color="red" variant="light">
          {t(`winback.verdict.${item.verdict}`)}
        </Badge>
      ) : item.pastStop ? (
        <Badge color="orange" variant="light">
          {t('winback.pastStop')}
        </Badge>
      ) : null}
      {item.plan && (
        <Text size="xs" c={item.plan.blocker ? 'red' : 'dimmed'} data-testid="winback-plan">
          {item.plan.blocker
            ? t(`winback.plan.${item.plan.blocker}`)
            : `→ ${item.plan.assigneeName ?? '–'} · ${t(`worklist.channel.${item.plan.channel}`)}`}
        </Text>
      )}
    </>
  )
}

/** One customer of the list on a phone: the same facts as a row, stacked. */
export function WinbackItemCard({ item, rank }: { item: WinbackItem; rank: number | null }) {
  const { t, locale } = useI18n()
  return (
    <Card withBorder padding="sm" data-testid="winback-card" data-past-stop={item.pastStop}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/customers/${item.customerId}`} fw={600}>
            {rank !== null ? `${rank}. ` : ''}
            {item.displayName}
          </Anchor>
          <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatMoney(item.expectedNetCents, locale)}
          </Text>
        </Group>
        <Text size="sm">
          {t('winback.col.value')} {formatMoney(item.valueCents, locale)} · {t('winback.col.probability')}{' '}
          {formatPercent(item.probability, locale)} · {t('winback.col.cost')}{' '}
          {formatMoney(item.costCents, locale)}
        </Text>
        <Text size="xs">
          {t('winback.col.lastPurchase')}: <DateCell date={item.lastPurchase} locale={locale} />
        </Text>
        <Why item={item} />
        <Verdict item={item} />
      </Stack>
    </Card>
  )
}
