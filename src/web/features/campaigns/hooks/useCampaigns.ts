import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CampaignDetail, CampaignDto, CampaignInput } from '../../../../shared/api/campaigns'
import type { CampaignResultsDto } from '../../../../shared/api/reports'
import { api, toQuery } from '../../../api/client'

export function useCampaignsQuery() {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api.get<{ campaigns: CampaignDto[] }>('/campaigns'),
  })
}

export function useCampaignQuery(id: number, arm: 'treatment' | 'control' | null, offset: number) {
  return useQuery({
    queryKey: ['campaigns', id, arm, offset],
    queryFn: () => api.get<CampaignDetail>(`/campaigns/${id}${toQuery({ arm, offset, limit: 50 })}`),
  })
}

function useInvalidate() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all(['campaigns', 'worklist'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })))
}

export function useCreateCampaign() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: (body: CampaignInput) => api.post<{ id: number }>('/campaigns', body),
    onSuccess,
  })
}

export function useCampaignAction() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'launch' | 'close' | 'delete' }) =>
      action === 'delete' ? api.delete(`/campaigns/${id}`) : api.post(`/campaigns/${id}/${action}`, {}),
    onSuccess,
  })
}

export function useCampaignResultsQuery(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['campaigns', id, 'results'],
    queryFn: () => api.get<CampaignResultsDto>(`/campaigns/${id}/results`),
    enabled,
  })
}
