import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { JobDto } from '../../../../shared/api/jobs'
import { api } from '../../../api/client'

export type { JobDto }

/** Queued behind other work or running: the page keeps showing progress. */
export function isJobActive(job: Pick<JobDto, 'status'> | null | undefined): job is JobDto {
  return job?.status === 'queued' || job?.status === 'running'
}

/** Polls a background job every half second until it is done, then refreshes everything shown. */
export function useJobQuery(jobId: string | null) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: ['job', jobId],
    enabled: jobId !== null,
    queryFn: async () => {
      const { job } = await api.get<{ job: JobDto }>(`/jobs/${jobId}`)
      if (!isJobActive(job))
        void queryClient.invalidateQueries({
          predicate: (q) => q.queryKey[0] !== 'job' && q.queryKey[0] !== 'me',
        })
      return job
    },
    refetchInterval: (query) => (query.state.data && !isJobActive(query.state.data) ? false : 500),
  })
}

export function useClassifyJob() {
  const [jobId, setJobId] = useState<string | null>(null)
  const start = useMutation({
    mutationFn: () => api.post<{ job: JobDto }>('/lifecycle/classify', {}),
    onSuccess: ({ job }) => setJobId(job.id),
  })
  const job = useJobQuery(jobId)
  return { start, job: job.data ?? null, setJobId }
}
