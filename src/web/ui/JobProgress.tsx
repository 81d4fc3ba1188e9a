import { Alert, Progress, Stack, Text } from '@mantine/core'
import type { JobDto } from '../../shared/api/jobs'
import { sayServerText } from '../../shared/i18n/server-text'
import { useI18n } from '../i18n'

/**
 * A background job's progress: "waits for other work" while it is queued behind an import or the
 * nightly work, else the caller's words with the job's counts and a bar.
 */
export function JobProgress({
  job,
  label,
  maw,
  mt,
}: {
  job: JobDto
  label: string
  maw?: number
  mt?: string
}) {
  const { t } = useI18n()
  const queued = job.status === 'queued'
  return (
    <Stack gap={4} maw={maw} mt={mt} data-testid="job-progress">
      <Text size="sm">{queued ? t('jobs.queued') : label}</Text>
      <Progress
        value={queued ? 100 : job.total ? (100 * job.done) / job.total : 5}
        color={queued ? 'gray' : undefined}
        animated
        aria-label={queued ? t('jobs.queued') : label}
      />
    </Stack>
  )
}

/** Why a background job failed, in the reader's language (the server's key, else its English text). */
export function JobFailure({ job }: { job: JobDto }) {
  const { t } = useI18n()
  if (job.status !== 'failed') return null
  return (
    <Alert color="red" role="alert" title={t('jobs.failed')} data-testid="job-failed">
      {job.errorText ? sayServerText(t, job.errorText, job.error ?? '') : job.error}
    </Alert>
  )
}
