import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../api/client'
import type { JobDto } from '../../dashboard/hooks/useClassifyJob'

export type Thresholds = Record<string, number | boolean>
export interface ThresholdSettings {
  global: Thresholds
  segments: Record<string, Thresholds>
}

export function useThresholdsQuery() {
  return useQuery({
    queryKey: ['thresholds'],
    queryFn: () => api.get<{ defaults: Thresholds; settings: ThresholdSettings }>('/lifecycle/thresholds'),
  })
}

export function useSaveThresholdsMutation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (settings: ThresholdSettings) =>
      api.put<{ settings: ThresholdSettings; job: JobDto }>('/lifecycle/thresholds', settings),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['thresholds'] }),
  })
}
