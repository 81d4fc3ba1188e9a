import { Alert, Card, SimpleGrid, Text, Title } from '@mantine/core'
import type { CustomerScore } from '../../../../shared/api/scoring'
import { describeDisagreement, describeScore } from '../../../../shared/i18n/describe'
import { formatDate, formatNumber } from '../../../../shared/i18n/format'
import type { LifecycleStatus } from '../../../../shared/lifecycle'
import { useI18n } from '../../../i18n'
import { Money } from '../../../ui/format'

/**
 * The model's view of a customer: P(alive), expected purchases and value, in one sentence and in
 * numbers, with the rules' rhythm (one typical interval on the page) and a sentence where the rules'
 * status and the model disagree.
 */
export function ScoreCard({
  score,
  status,
  typicalIntervalDays,
}: {
  score: CustomerScore | null
  status: LifecycleStatus | null
  typicalIntervalDays: number | null
}) {
  const { t, locale } = useI18n()
  const disagreement = score && describeDisagreement(t, { ...score, status }, locale)
  return (
    <Card withBorder h="100%" data-testid="score-card">
      <Title order={4}>{t('score.title')}</Title>
      {score === null ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('score.none')}
        </Text>
      ) : (
        <>
          <Text mt="xs" data-testid="score-explanation">
            {describeScore(
              t,
              { ...score, meanIntervalDays: typicalIntervalDays ?? score.meanIntervalDays },
              locale,
            )}
          </Text>
          {disagreement && (
            <Alert color="yellow" variant="light" mt="xs" p="xs" data-testid="score-disagreement">
              {disagreement}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt="sm">
            <div>
              <Text size="xs" c="dimmed">
                {t('score.pAlive')}
              </Text>
              <Text fw={600}>{formatNumber(score.pAlive * 100, locale)} %</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('score.expectedPurchases')}
              </Text>
              <Text fw={600}>{formatNumber(score.expectedPurchases, locale, 2)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('score.expectedSpend')}
              </Text>
              <Text fw={600}>
                <Money cents={score.expectedSpendCents} />
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('score.clv')}
              </Text>
              <Text fw={600}>
                <Money cents={score.clvCents} />
              </Text>
            </div>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="xs">
            {t('score.by', { model: t(`modelName.${score.model}`), date: formatDate(score.asOf, locale) })}
          </Text>
        </>
      )}
    </Card>
  )
}
