import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { SessionUserDto } from '../../shared/api/auth'
import { describeScoreWarning } from '../../shared/i18n/describe'
import { formatDate, formatMoney, formatNumber } from '../../shared/i18n/format'
import { isJobActive, useJobQuery } from '../features/dashboard/hooks/useClassifyJob'
import { AliveHeatmap } from '../features/scoring/components/AliveHeatmap'
import { TrackingChart } from '../features/scoring/components/TrackingChart'
import { useModelRunQuery, useStartScoringMutation } from '../features/scoring/hooks/useModelRunQuery'
import { useI18n } from '../i18n'
import { DayInput } from '../ui/DayInput'
import { ErrorAlert } from '../ui/ErrorAlert'
import { JobFailure, JobProgress } from '../ui/JobProgress'

function number(v: unknown, locale: 'de' | 'en', digits = 4): string {
  return typeof v === 'number' ? formatNumber(v, locale, digits) : String(v)
}

const TIME_UNITS = ['day', 'week', 'month']
const PERIODS = ['month', 'quarter', 'year']

/** "1.700 (−9,7 %)": predicted holdout purchases and how far from the actual (shown below the table). */
function totalError(h: { predictedTotal: number; actualTotal: number }, locale: 'de' | 'en'): string {
  const off = h.actualTotal > 0 ? (h.predictedTotal / h.actualTotal - 1) * 100 : 0
  const sign = off > 0.05 ? '+' : off < -0.05 ? '−' : '±'
  return `${formatNumber(h.predictedTotal, locale, 0)} (${sign}${formatNumber(Math.abs(off), locale, 1)} %)`
}

export function ModelPage({ user }: { user: SessionUserDto }) {
  const { t, locale } = useI18n()
  const run = useModelRunQuery()
  const start = useStartScoringMutation()
  const queryClient = useQueryClient()
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJobQuery(jobId).data
  const [form, setForm] = useState({ model: 'auto', timeUnit: 'week', calibrationEnd: '', holdoutEnd: '' })
  const running = isJobActive(job) || start.isPending
  useEffect(() => {
    if (job && !isJobActive(job)) void queryClient.invalidateQueries({ queryKey: ['model-run'] })
  }, [job, queryClient])
  const r = run.data
  const unit = r ? t(`model.units.${r.timeUnit}`) : ''
  return (
    <Stack>
      <Title order={2}>{t('model.title')}</Title>
      <Text c="dimmed" maw={820}>
        {t('model.intro')}
      </Text>
      {user.role !== 'rep' && (
        <Card withBorder>
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('model.modelChoice')}
              value={form.model}
              allowDeselect={false}
              onChange={(v) => {
                const model = v ?? 'auto'
                // BG/BB counts periods, the others time units: switch to a sensible one
                const units = model === 'bgbb' ? PERIODS : TIME_UNITS
                setForm({
                  ...form,
                  model,
                  timeUnit: units.includes(form.timeUnit)
                    ? form.timeUnit
                    : model === 'bgbb'
                      ? 'year'
                      : 'week',
                })
              }}
              data={[
                { value: 'auto', label: t('model.auto') },
                { value: 'bgnbd', label: 'BG/NBD' },
                { value: 'pnbd', label: 'Pareto/NBD' },
                { value: 'mbgnbd', label: 'MBG/NBD' },
                { value: 'bgbb', label: t('model.bgbbOption') },
              ]}
              w={240}
            />
            <Select
              label={form.model === 'bgbb' ? t('model.period') : t('model.timeUnit')}
              value={form.timeUnit}
              allowDeselect={false}
              onChange={(v) => setForm({ ...form, timeUnit: v ?? 'week' })}
              data={(form.model === 'bgbb' ? PERIODS : TIME_UNITS).map((u) => ({
                value: u,
                label: t(form.model === 'bgbb' ? `model.periods.${u}` : `model.units.${u}`),
              }))}
              w={140}
            />
            <DayInput
              label={t('model.calibrationEnd')}
              description={t('model.calibrationHint')}
              value={form.calibrationEnd}
              onChange={(day) => setForm({ ...form, calibrationEnd: day })}
              clearable
              w={160}
            />
            <DayInput
              label={t('model.holdoutEnd')}
              value={form.holdoutEnd}
              onChange={(day) => setForm({ ...form, holdoutEnd: day })}
              clearable
              w={180}
            />
            <Button
              loading={running}
              onClick={() =>
                start.mutate(
                  {
                    model: form.model,
                    timeUnit: form.timeUnit,
                    ...(form.calibrationEnd && { calibrationEnd: form.calibrationEnd }),
                    ...(form.holdoutEnd && { holdoutEnd: form.holdoutEnd }),
                  },
                  { onSuccess: ({ jobId: id }) => setJobId(id) },
                )
              }
            >
              {t('model.run')}
            </Button>
          </Group>
          {isJobActive(job) && (
            <JobProgress
              job={job}
              mt="sm"
              label={t('model.running', {
                phase: t(`model.phase.${job.phase}`, { defaultValue: job.phase }),
              })}
            />
          )}
          <ErrorAlert error={start.error} />
          {job && <JobFailure job={job} />}
        </Card>
      )}
      {run.isError && <ErrorAlert error={run.error} />}
      {r === null && <Text>{t('model.none')}</Text>}
      {r && (
        <>
          <Card withBorder>
            <Title order={4} data-testid="chosen-model">
              {t('model.chosen', { model: t(`modelName.${r.model}`) })}
            </Title>
            <Text c="dimmed" size="sm" data-testid="run-created" data-created={r.createdAt}>
              {t(`model.chosenBy.${r.chosenBy}`)} ·{' '}
              {t('model.datesUsed', {
                calibrationEnd: formatDate(r.calibrationEnd, locale),
                holdout: r.holdoutEnd
                  ? t('model.holdoutUntil', { holdoutEnd: formatDate(r.holdoutEnd, locale) })
                  : '',
                asOf: formatDate(r.asOf, locale),
              })}{' '}
              ·{' '}
              {r.predicted === null
                ? t('model.customers', {
                    count: formatNumber(r.customers, locale) as never,
                    seconds: formatNumber(r.durationMs / 1000, locale, 1),
                  })
                : t('model.updated', {
                    predicted: formatNumber(r.predicted, locale),
                    count: formatNumber(r.customers, locale) as never,
                    seconds: formatNumber(r.durationMs / 1000, locale, 1),
                    fittedAsOf: formatDate(r.fittedAsOf, locale),
                  })}
            </Text>
            {r.warnings.length > 0 && (
              <Alert color="yellow" mt="sm" title={t('model.warnings')} data-testid="model-warnings">
                <List size="sm">
                  {r.warnings.map((w) => (
                    <List.Item key={String(w.code)}>{describeScoreWarning(t, w, locale)}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={5} mb="xs">
                {t('model.parameters')}
              </Title>
              <Table data-testid="params">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('model.parameter')}</Table.Th>
                    <Table.Th ta="right">{t('model.estimate')}</Table.Th>
                    <Table.Th ta="right">{t('model.se')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {Object.entries(r.params).map(([name, value]) => (
                    <Table.Tr key={name}>
                      <Table.Td>{name}</Table.Td>
                      <Table.Td ta="right">{number(value, locale)}</Table.Td>
                      <Table.Td ta="right">
                        {r.standardErrors[name] == null ? '–' : number(r.standardErrors[name], locale)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm" mt="sm">
                {t('model.spend')}:{' '}
                {r.spend.model === 'gamma-gamma'
                  ? t(
                      'model.spendGG',
                      Object.fromEntries(
                        Object.entries(r.spend.params as Record<string, number>).map(([k, v]) => [
                          k,
                          number(v, locale, 3),
                        ]),
                      ),
                    )
                  : t('model.spendMean', { mean: formatMoney(Number(r.spend.meanCents), locale) })}
              </Text>
            </Card>
            <Card withBorder>
              <Title order={5} mb="xs">
                {t('model.candidates')}
              </Title>
              <Table data-testid="candidates">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('model.modelChoice')}</Table.Th>
                    <Table.Th ta="right">{t('model.logLikelihood')}</Table.Th>
                    <Table.Th ta="right">{t('model.bic')}</Table.Th>
                    {r.holdout && (
                      <>
                        <Table.Th ta="right">{t('model.holdoutLogLikelihood')}</Table.Th>
                        <Table.Th ta="right">{t('model.totalError')}</Table.Th>
                        <Table.Th ta="right">{t('model.mae')}</Table.Th>
                      </>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.candidates.map((c) => (
                    <Table.Tr key={c.model} fw={c.model === r.model ? 700 : undefined}>
                      <Table.Td>
                        {t(`modelName.${c.model}`)}{' '}
                        {(!c.converged || c.atBoundary) && (
                          <Badge color="yellow" variant="light" size="sm">
                            {t('model.degenerate')}
                          </Badge>
                        )}
                        {c.tiedWithBest && c.model !== r.model && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('model.tied')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{number(c.logLikelihood, locale, 2)}</Table.Td>
                      <Table.Td ta="right">{number(c.bic, locale, 1)}</Table.Td>
                      {r.holdout && (
                        <>
                          <Table.Td ta="right">
                            {c.holdout?.logLikelihood === undefined
                              ? '–'
                              : number(c.holdout.logLikelihood, locale, 1)}
                          </Table.Td>
                          <Table.Td ta="right">{c.holdout ? totalError(c.holdout, locale) : '–'}</Table.Td>
                          <Table.Td ta="right">
                            {c.holdout ? number(c.holdout.meanAbsoluteError, locale, 4) : '–'}
                          </Table.Td>
                        </>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {r.holdout && (
                <Text size="sm" mt="sm">
                  {t('model.predictedTotal')}: {formatNumber(r.holdout.predictedTotal, locale)} ·{' '}
                  {t('model.actualTotal')}: {formatNumber(r.holdout.actualTotal, locale)}
                </Text>
              )}
              {r.candidates.filter((c) => c.tiedWithBest).length > 1 && (
                <Text size="sm" c="dimmed" mt="xs" data-testid="tie-hint">
                  {t('model.tieHint', {
                    models: r.candidates
                      .filter((c) => c.tiedWithBest)
                      .map((c) => t(`modelName.${c.model}`))
                      .join(', '),
                  })}
                </Text>
              )}
            </Card>
          </SimpleGrid>
          {r.holdout && (
            <Card withBorder>
              <Title order={5}>{t('model.tracking')}</Title>
              <TrackingChart tracking={r.holdout.tracking} />
            </Card>
          )}
          <Card withBorder>
            <Title order={5}>{t('model.heatmap')}</Title>
            <Text size="sm" c="dimmed">
              {t('model.heatmapHint', { T: formatNumber(r.heatmap.T, locale, 0), unit })}
            </Text>
            <AliveHeatmap heatmap={r.heatmap} unit={unit} />
          </Card>
        </>
      )}
    </Stack>
  )
}
