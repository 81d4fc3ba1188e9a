import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { JobDto } from '../../../../shared/api/jobs'
import type { BounceSettingsDto, BounceSettingsInput } from '../../../../shared/api/messaging'
import { api } from '../../../api/client'

export function useBounceSettingsQuery() {
  return useQuery({
    queryKey: ['bounce-settings'],
    queryFn: () => api.get<BounceSettingsDto>('/mail/bounces'),
  })
}

export function useSaveBounceSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BounceSettingsInput) => api.put<BounceSettingsDto>('/mail/bounces', body),
    onSuccess: (saved) => queryClient.setQueryData(['bounce-settings'], saved),
  })
}

/** Reads the mailbox now; the job's end refreshes the settings (their last check) through useJobQuery. */
export function useCheckBounces(onJob: (jobId: string) => void) {
  return useMutation({
    mutationFn: () => api.post<{ job: JobDto }>('/mail/bounces/check', {}),
    onSuccess: ({ job }) => onJob(job.id),
  })
}
