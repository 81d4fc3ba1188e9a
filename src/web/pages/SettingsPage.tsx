import { Button, Card, CloseButton, Group, Select, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { Role } from '../../shared/roles'
import { AssistSettingsCard } from '../features/assist/components/AssistSettingsCard'
import { ContactSettingsCard } from '../features/contact/components/ContactSettingsCard'
import { useCustomerFiltersQuery } from '../features/customers/hooks/useCustomerFiltersQuery'
import { isJobActive, useJobQuery } from '../features/dashboard/hooks/useClassifyJob'
import { BounceSettingsCard } from '../features/messaging/components/BounceSettingsCard'
import { CompanyProfileCard } from '../features/messaging/components/CompanyProfileCard'
import { MailSettingsCard } from '../features/messaging/components/MailSettingsCard'
import { QueueCard } from '../features/messaging/components/QueueCard'
import { ThresholdFields } from '../features/settings/components/ThresholdFields'
import {
  type ThresholdSettings,
  useSaveThresholdsMutation,
  useThresholdsQuery,
} from '../features/settings/hooks/useThresholdsQuery'
import { WinbackSettingsCard } from '../features/winback/components/WinbackSettingsCard'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'
import { JobProgress } from '../ui/JobProgress'

export function SettingsPage({ role }: { role: Role }) {
  const { t } = useI18n()
  const query = useThresholdsQuery()
  const segments = useCustomerFiltersQuery().data?.segments ?? []
  const save = useSaveThresholdsMutation()
  const [draft, setDraft] = useState<ThresholdSettings | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJobQuery(jobId).data
  useEffect(() => {
    if (query.data && !draft) setDraft(query.data.settings)
  }, [query.data, draft])
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!query.data || !draft) return <Text>{t('common.loading')}</Text>
  const defaults = query.data.defaults
  const inheritedGlobal = { ...defaults, ...draft.global }
  const unused = segments.filter((s) => !(s in draft.segments))
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <Card withBorder>
        <Title order={4}>{t('settings.thresholds')}</Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('settings.thresholdsIntro')}
        </Text>
        <Title order={5} mb="xs">
          {t('settings.global')}
        </Title>
        <ThresholdFields
          values={draft.global}
          inherited={defaults}
          onChange={(global) => setDraft({ ...draft, global })}
        />
      </Card>
      {Object.entries(draft.segments).map(([segment, values]) => (
        <Card withBorder key={segment}>
          <Group justify="space-between" mb="xs">
            <Title order={5}>
              {t('settings.segment')}: {segment}
            </Title>
            <CloseButton
              aria-label={`${segment} ✕`}
              onClick={() => {
                const { [segment]: _removed, ...rest } = draft.segments
                setDraft({ ...draft, segments: rest })
              }}
            />
          </Group>
          <ThresholdFields
            values={values}
            inherited={inheritedGlobal}
            onChange={(v) => setDraft({ ...draft, segments: { ...draft.segments, [segment]: v } })}
          />
        </Card>
      ))}
      <Group>
        <Select
          placeholder={t('settings.addSegment')}
          data={unused}
          value={null}
          onChange={(segment) =>
            segment && setDraft({ ...draft, segments: { ...draft.segments, [segment]: {} } })
          }
          w={260}
        />
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(draft, {
              onSuccess: ({ job: started }) => {
                setJobId(started.id)
                notifications.show({ color: 'teal', message: t('settings.saved') })
              },
            })
          }
        >
          {t('common.save')}
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
      {isJobActive(job) && (
        <JobProgress
          job={job}
          maw={480}
          label={t('dashboard.reclassifying', { done: job.done, total: job.total })}
        />
      )}
      <WinbackSettingsCard />
      <ContactSettingsCard />
      <MailSettingsCard role={role} />
      <BounceSettingsCard role={role} />
      <CompanyProfileCard role={role} />
      {role === 'admin' && <AssistSettingsCard />}
      <QueueCard />
    </Stack>
  )
}
