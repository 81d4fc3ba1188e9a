import { useMutation, useQuery } from '@tanstack/react-query'
import type { ModelRunDto } from '../../../../shared/api/scoring'
import { api } from '../../../api/client'

export function useModelRunQuery() {
  return useQuery({
    queryKey: ['model-run'],
    queryFn: async () => (await api.get<{ run: ModelRunDto | null }>('/scoring/latest')).run,
  })
}

export function useStartScoringMutation() {
  return useMutation({
    mutationFn: (body: { model: string; timeUnit: string; calibrationEnd?: string; holdoutEnd?: string }) =>
      api.post<{ jobId: string }>('/scoring/runs', body),
  })
}
