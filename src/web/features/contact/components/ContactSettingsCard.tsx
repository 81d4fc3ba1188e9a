import { Button, Card, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ContactSettingsDto, ContactSettingsInput } from '../../../../shared/api/contact'
import { api } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { JobProgress } from '../../../ui/JobProgress'
import { useMeQuery } from '../../auth/hooks/useMeQuery'
import { isJobActive, useJobQuery } from '../../dashboard/hooks/useClassifyJob'

/** The company's jurisdiction (its legal profile) and how long a consent may rest unused; admins change them. */
export function ContactSettingsCard() {
  const { t, locale } = useI18n()
  const me = useMeQuery().data
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: ['contact-settings'],
    queryFn: () => api.get<ContactSettingsDto>('/contact/settings'),
  })
  const [jurisdiction, setJurisdiction] = useState<string | null>(null)
  const [months, setMonths] = useState<number | string>('')
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJobQuery(jobId).data
  useEffect(() => {
    if (query.data && jurisdiction === null) {
      setJurisdiction(query.data.jurisdiction)
      setMonths(query.data.consentRenewalMonths ?? '')
    }
  }, [query.data, jurisdiction])
  const save = useMutation({
    mutationFn: (body: ContactSettingsInput) =>
      api.put<ContactSettingsDto & { jobId: string }>('/contact/settings', body),
    onSuccess: (result) => {
      setJobId(result.jobId)
      void queryClient.invalidateQueries({ queryKey: ['contact-settings'] })
      notifications.show({ color: 'teal', message: t('contact.settings.saved') })
    },
  })
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!query.data) return null
  const admin = me?.role === 'admin'
  const profile = query.data.profiles.find((p) => p.id === jurisdiction)
  return (
    <Card withBorder data-testid="contact-settings">
      <Title order={4}>{t('contact.settings.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('contact.settings.intro')}
      </Text>
      <Stack maw={480}>
        <Select
          label={t('contact.settings.jurisdiction')}
          data={query.data.profiles.map((p) => ({ value: p.id, label: `${p.name[locale]} (${p.version})` }))}
          value={jurisdiction}
          onChange={setJurisdiction}
          allowDeselect={false}
          disabled={!admin}
        />
        <NumberInput
          label={t('contact.settings.renewal')}
          description={t('contact.settings.renewalDefault', { months: profile?.consentRenewalMonths ?? 24 })}
          min={1}
          max={120}
          value={months}
          onChange={setMonths}
          disabled={!admin}
        />
        {admin && (
          <Group>
            <Button
              loading={save.isPending}
              onClick={() =>
                jurisdiction &&
                save.mutate({ jurisdiction, consentRenewalMonths: months === '' ? null : Number(months) })
              }
            >
              {t('contact.save')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={save.error} />
        {isJobActive(job) && (
          <JobProgress
            job={job}
            label={t('contact.settings.refreshing', { done: job.done, total: job.total })}
          />
        )}
      </Stack>
    </Card>
  )
}
