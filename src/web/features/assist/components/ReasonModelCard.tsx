import { Button, Card, Group, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { formatDate, formatPercent } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { isJobActive, useJobQuery } from '../../dashboard/hooks/useClassifyJob'
import { useReasonModelQuery, useTrainReasons } from '../hooks/useAssist'

/** For managers: what the call assistant learned, from how many confirmed notes, and how often it is right. */
export function ReasonModelCard() {
  const { t, locale } = useI18n()
  const query = useReasonModelQuery()
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJobQuery(jobId).data
  const train = useTrainReasons()
  if (query.isError) return <ErrorAlert error={query.error} />
  const s = query.data
  if (!s) return null
  return (
    <Card withBorder data-testid="reason-model">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>{t('assist.model.title')}</Title>
          <Text size="sm" c="dimmed" maw={820}>
            {t('assist.model.intro')}
          </Text>
        </div>
        <Button
          variant="default"
          loading={train.isPending || isJobActive(job)}
          onClick={() => train.mutate(undefined, { onSuccess: (r) => setJobId(r.jobId) })}
          data-testid="reason-model-train"
        >
          {t('assist.model.train')}
        </Button>
      </Group>
      {train.isError && <ErrorAlert error={train.error} />}
      {s.state === 'untrained' ? (
        <Text size="sm" mt="xs">
          {t('assist.model.untrained', { count: s.confirmedNotes, needed: s.needed })}
        </Text>
      ) : (
        <Text size="sm" mt="xs">
          {t('assist.model.trained', {
            date: formatDate(s.trainedAt?.slice(0, 10) ?? null, locale),
            count: s.confirmedNotes,
            reasons: s.reasons.length,
            fresh: s.newSinceTraining,
          })}
        </Text>
      )}
      {s.state === 'ready' && (
        <Text size="sm" data-testid="reason-model-accuracy">
          {s.accuracy
            ? t('assist.model.accuracy', {
                notes: s.accuracy.notes,
                top1: formatPercent(s.accuracy.top1, locale),
                top3: formatPercent(s.accuracy.top3, locale),
              })
            : t('assist.model.noAccuracy')}
        </Text>
      )}
    </Card>
  )
}
