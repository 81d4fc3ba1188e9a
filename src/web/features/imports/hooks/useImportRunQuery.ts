import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { ImportRunDto } from '../../../../shared/api/imports'
import { api } from '../../../api/client'

/** Polls a running import every half second; when it ends, the lists and dashboard are refreshed. */
export function useImportRunQuery(runId: number | null) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: ['import-run', runId],
    enabled: runId !== null,
    queryFn: async () => {
      const run = await api.get<ImportRunDto>(`/imports/${runId}`)
      if (run.status !== 'running' && run.status !== 'pending') {
        void queryClient.invalidateQueries({
          predicate: (q) => !['import-run', 'me'].includes(String(q.queryKey[0])),
        })
      }
      return run
    },
    refetchInterval: (query) =>
      query.state.data && !['running', 'pending'].includes(query.state.data.status) ? false : 500,
  })
}

export function useImportRunsQuery() {
  return useQuery({
    queryKey: ['import-runs'],
    queryFn: () => api.get<{ runs: Omit<ImportRunDto, 'issues'>[] }>('/imports'),
  })
}
