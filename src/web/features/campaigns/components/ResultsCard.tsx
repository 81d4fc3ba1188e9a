import { Alert, Badge, Card, Group, SimpleGrid, Text, Title } from '@mantine/core'
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useCampaignResultsQuery } from '../hooks/useCampaigns'

export const verdictColor = {
  better: 'teal',
  no_difference: 'gray',
  worse: 'red',
  too_little_data: 'yellow',
  too_early: 'blue',
} as const

/** What the campaign earned: the arms' win-back rates, the uplift, revenue, profit and ROI. */
export function ResultsCard({ campaignId, launched }: { campaignId: number; launched: boolean }) {
  const { t, locale } = useI18n()
  const query = useCampaignResultsQuery(campaignId, launched)
  if (!launched) return null
  if (query.isError) return <ErrorAlert error={query.error} />
  const r = query.data
  if (!r) return null
  const u = r.uplift
  const pct = (v: number) => formatPercent(v, locale)
  return (
    <Card withBorder data-testid="campaign-results">
      <Group justify="space-between">
        <Title order={4}>{t('campaigns.results.title')}</Title>
        {u && (
          <Badge color={verdictColor[u.verdict]} data-testid="results-verdict">
            {t(`campaigns.results.verdict.${u.verdict}`)}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('campaigns.results.window', {
          from: formatDate(r.launchedOn, locale),
          to: formatDate(r.windowEnds, locale),
          passed: r.daysPassed,
          days: r.windowDays,
        })}
      </Text>
      {u ? (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }} mt="sm">
            <div>
              <Text size="xs" c="dimmed">
                {t('campaigns.treated')}
              </Text>
              <Text fw={700}>
                {pct(u.treatment.rate)} ({formatNumber(u.treatment.won, locale)}/
                {formatNumber(u.treatment.members, locale)})
              </Text>
              <Text size="xs" c="dimmed">
                95 %: {pct(u.treatment.interval.low)} – {pct(u.treatment.interval.high)}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('campaigns.control')}
              </Text>
              <Text fw={700}>
                {pct(u.control.rate)} ({formatNumber(u.control.won, locale)}/
                {formatNumber(u.control.members, locale)})
              </Text>
              <Text size="xs" c="dimmed">
                95 %: {pct(u.control.interval.low)} – {pct(u.control.interval.high)}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('campaigns.results.uplift')}
              </Text>
              <Text fw={700} data-testid="results-uplift">
                {u.difference >= 0 ? '+' : ''}
                {formatNumber(u.difference * 100, locale, 1)} {t('campaigns.results.points')}
              </Text>
              <Text size="xs" c="dimmed">
                95 %: {formatNumber(u.interval.low * 100, locale, 1)} –{' '}
                {formatNumber(u.interval.high * 100, locale, 1)} · p = {formatNumber(u.pValue, locale, 3)} (
                {t(`campaigns.results.test.${u.test}`)}) ·{' '}
                {t('campaigns.results.probabilityBetter', { p: pct(u.probabilityBetter) })}
              </Text>
            </div>
          </SimpleGrid>
          {(u.verdict === 'too_early' || u.verdict === 'too_little_data') && (
            <Alert color={verdictColor[u.verdict]} mt="sm">
              {t(`campaigns.results.explain.${u.verdict}`)}
            </Alert>
          )}
        </>
      ) : (
        <Text size="sm" mt="sm">
          {t('campaigns.results.noControl')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }} mt="sm">
        <div>
          <Text size="xs" c="dimmed">
            {t('campaigns.results.revenuePerMember')}
          </Text>
          <Text fw={600}>
            {formatMoney(r.revenuePerMember.differenceCents, locale)} (
            {formatMoney(r.revenuePerMember.lowCents, locale, 'EUR', 0)} –{' '}
            {formatMoney(r.revenuePerMember.highCents, locale, 'EUR', 0)})
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('campaigns.results.earned')}
          </Text>
          <Text fw={600}>{formatMoney(r.earnedCents, locale, 'EUR', 0)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('campaigns.results.cost')}
          </Text>
          <Text fw={600}>{formatMoney(r.costCents, locale, 'EUR', 0)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('campaigns.results.profit')}
          </Text>
          <Text fw={600} c={r.profitCents < 0 ? 'red' : undefined} data-testid="results-profit">
            {formatMoney(r.profitCents, locale, 'EUR', 0)}
            {r.roi !== null ? ` · ROI ${pct(r.roi)}` : ''}
          </Text>
        </div>
      </SimpleGrid>
    </Card>
  )
}
