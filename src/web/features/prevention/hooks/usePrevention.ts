import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  EarlyWarningListDto,
  EarlyWarningSettingsDto,
  WarningSignDto,
  WarningSignInput,
} from '../../../../shared/api/prevention'
import { api, toQuery } from '../../../api/client'

export function useEarlyWarningsQuery(onlyNew: boolean) {
  return useQuery({
    queryKey: ['early-warnings', onlyNew],
    queryFn: () =>
      api.get<EarlyWarningListDto>(`/early-warnings${toQuery({ onlyNew: onlyNew ? 'true' : undefined })}`),
  })
}

export function useEarlyWarningSettingsQuery() {
  return useQuery({
    queryKey: ['early-warning-settings'],
    queryFn: () => api.get<EarlyWarningSettingsDto>('/early-warnings/settings'),
  })
}

export function useSaveEarlyWarningSettings(onJob: (jobId: string) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: EarlyWarningSettingsDto) =>
      api.put<{ jobId: string | null }>('/early-warnings/settings', body),
    onSuccess: ({ jobId }) => {
      void queryClient.invalidateQueries({ queryKey: ['early-warning-settings'] })
      if (jobId) onJob(jobId)
    },
  })
}

export function useRefreshEarlyWarnings(onJob: (jobId: string) => void) {
  return useMutation({
    mutationFn: () => api.post<{ jobId: string }>('/early-warnings/refresh', {}),
    onSuccess: ({ jobId }) => onJob(jobId),
  })
}

export function useWarningSignsQuery(customerId: number) {
  return useQuery({
    queryKey: ['warning-signs', customerId],
    queryFn: () => api.get<{ signs: WarningSignDto[] }>(`/customers/${customerId}/warning-signs`),
  })
}

/** A sign touches the customer's signs, the timeline and the early-warning list. */
function useInvalidateSigns() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all(
      ['warning-signs', 'timeline', 'early-warnings'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [key] }),
      ),
    )
}

export function useRecordWarningSign(customerId: number) {
  const onSuccess = useInvalidateSigns()
  return useMutation({
    mutationFn: (body: WarningSignInput) =>
      api.post<{ id: number }>(`/customers/${customerId}/warning-signs`, body),
    onSuccess,
  })
}

export function useDeleteWarningSign() {
  const onSuccess = useInvalidateSigns()
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/warning-signs/${id}`),
    onSuccess,
  })
}
