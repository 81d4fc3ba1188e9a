import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  CompanyProfile,
  MailSettingsDto,
  MailSettingsInput,
  QueuedJobDto,
  StepSendingDto,
} from '../../../../shared/api/messaging'
import { api, toQuery } from '../../../api/client'

export function useMailSettingsQuery() {
  return useQuery({ queryKey: ['mail-settings'], queryFn: () => api.get<MailSettingsDto>('/mail/settings') })
}

export function useSaveMailSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: MailSettingsInput) => api.put<MailSettingsDto>('/mail/settings', body),
    onSuccess: (saved) => queryClient.setQueryData(['mail-settings'], saved),
  })
}

export function useTestMail() {
  return useMutation({
    mutationFn: (to: string) => api.post<{ sent: boolean; error: string | null }>('/mail/test', { to }),
  })
}

export function useCompanyProfileQuery() {
  return useQuery({
    queryKey: ['company-profile'],
    queryFn: () => api.get<CompanyProfile>('/company-profile'),
  })
}

export function useSaveCompanyProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CompanyProfile) => api.put<{ ok: true }>('/company-profile', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['company-profile'] }),
  })
}

export function useQueuedJobsQuery(state: QueuedJobDto['state'] | undefined) {
  return useQuery({
    queryKey: ['queued-jobs', state ?? null],
    queryFn: () => api.get<{ jobs: QueuedJobDto[] }>(`/queue/jobs${toQuery({ state })}`),
  })
}

export function useRetryJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/queue/jobs/${id}/retry`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['queued-jobs'] }),
  })
}

export interface EmailTemplateDto {
  measureId: number | null
  language: 'de' | 'en'
  subject: string
  body: string
  informal: boolean
}

export function useEmailTemplateQuery(measureId: number | null, language: 'de' | 'en') {
  return useQuery({
    queryKey: ['email-template', measureId, language],
    queryFn: () =>
      api.get<EmailTemplateDto>(
        `/email-templates${toQuery({ measureId: measureId ?? undefined, language })}`,
      ),
  })
}

export function useSaveEmailTemplate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: EmailTemplateDto) => api.put<{ ok: true }>('/email-templates', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['email-template'] }),
  })
}

export function usePreviewEmail() {
  return useMutation({
    mutationFn: (body: EmailTemplateDto & { customerId: number }) =>
      api.post<{ to: string | null; subject: string; text: string }>('/email-templates/preview', body),
  })
}

export function useStepSendingQuery(campaignId: number, step: number, enabled: boolean) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: ['step-sending', campaignId, step],
    enabled,
    queryFn: async () => {
      const previous = queryClient.getQueryData<StepSendingDto>(['step-sending', campaignId, step])
      const sending = await api.get<StepSendingDto>(`/campaigns/${campaignId}/steps/${step}/sending`)
      // sending has ended: the campaign's figures (contacted) have changed
      if (previous && previous.pending > 0 && sending.pending === 0)
        void queryClient.invalidateQueries({ queryKey: ['campaigns', campaignId] })
      return sending
    },
    // while mails are still going out, look again every second
    refetchInterval: (query) => (query.state.data && query.state.data.pending > 0 ? 1000 : false),
  })
}

export function useSendStep(campaignId: number, step: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<{ jobId: number }>(`/campaigns/${campaignId}/steps/${step}/send`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['step-sending', campaignId, step] }),
  })
}
