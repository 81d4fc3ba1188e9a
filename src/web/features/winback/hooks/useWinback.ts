import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  AttemptDto,
  AttemptInput,
  AttemptOutcomeInput,
  WinbackModelReport,
  WinbackSettings,
} from '../../../../shared/api/winback'
import { api } from '../../../api/client'

export function useAttemptsQuery(customerId: number) {
  return useQuery({
    queryKey: ['winback-attempts', customerId],
    queryFn: () => api.get<{ attempts: AttemptDto[] }>(`/customers/${customerId}/winback-attempts`),
  })
}

export function useWinbackModelQuery() {
  return useQuery({
    queryKey: ['winback-model'],
    queryFn: () => api.get<WinbackModelReport>('/winback/model'),
  })
}

export function useWinbackSettingsQuery() {
  return useQuery({
    queryKey: ['winback-settings'],
    queryFn: () => api.get<WinbackSettings>('/winback/settings'),
  })
}

/** Attempts and outcomes change the list, the model and (refusals) the assessment. */
function useInvalidate(customerId?: number) {
  const queryClient = useQueryClient()
  return async () => {
    await Promise.all(
      [
        ['winback'],
        ['winback-model'],
        ...(customerId === undefined
          ? []
          : [
              ['winback-attempts', customerId],
              ['assessment', customerId],
            ]),
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    )
  }
}

export function useStartAttempt(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (body: AttemptInput) =>
      api.post<{ id: number }>(`/customers/${customerId}/winback-attempts`, body),
    onSuccess,
  })
}

export function useDecideAttempt(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: ({ id, ...body }: AttemptOutcomeInput & { id: number }) =>
      api.post(`/customers/${customerId}/winback-attempts/${id}/outcome`, body),
    onSuccess,
  })
}

export function useSaveWinbackSettings() {
  const queryClient = useQueryClient()
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (body: WinbackSettings) => api.put<WinbackSettings>('/winback/settings', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['winback-settings'], saved)
      await invalidate()
    },
  })
}
