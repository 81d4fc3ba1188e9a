import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  HookDto,
  HookInput,
  MeasureDto,
  MeasureInput,
  RoutingRuleDto,
  RoutingRuleInput,
} from '../../../../shared/api/playbook'
import { api } from '../../../api/client'

export function useMeasuresQuery() {
  return useQuery({
    queryKey: ['playbook', 'measures'],
    queryFn: () => api.get<{ measures: MeasureDto[] }>('/playbook/measures?all=1'),
  })
}

export function useHooksQuery() {
  return useQuery({ queryKey: ['playbook', 'hooks'], queryFn: () => api.get<{ hooks: HookDto[] }>('/hooks') })
}

export function useRoutingRulesQuery() {
  return useQuery({
    queryKey: ['playbook', 'rules'],
    queryFn: () => api.get<{ rules: RoutingRuleDto[] }>('/routing-rules'),
  })
}

function useInvalidate() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all(['playbook', 'worklist'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })))
}

export function useSaveMeasure() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({ id, ...body }: MeasureInput & { id?: number }) =>
      id === undefined ? api.post('/playbook/measures', body) : api.put(`/playbook/measures/${id}`, body),
    onSuccess,
  })
}

export function useSaveHook() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({ id, ...body }: HookInput & { id?: number }) =>
      id === undefined ? api.post('/hooks', body) : api.put(`/hooks/${id}`, body),
    onSuccess,
  })
}

export function useDeleteHook() {
  const onSuccess = useInvalidate()
  return useMutation({ mutationFn: (id: number) => api.delete(`/hooks/${id}`), onSuccess })
}

export function useSaveRule() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({ id, ...body }: RoutingRuleInput & { id: number }) => api.put(`/routing-rules/${id}`, body),
    onSuccess,
  })
}
