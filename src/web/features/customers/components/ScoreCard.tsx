import { Card, SimpleGrid, Text, Title } from '@mantine/core'
import type { CustomerScore } from '../../../../shared/api/scoring'
import { describeScore } from '../../../../shared/i18n/describe'
import { formatDate, formatNumber } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { Money } from '../../../ui/format'

/** The model's view of a customer: P(alive), expected purchases and value, in one sentence and in numbers. */
export function ScoreCard({ score }: { score: CustomerScore | null }) {
  const { t, locale } = useI18n()
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
            {describeScore(t, score, locale)}
          </Text>
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
