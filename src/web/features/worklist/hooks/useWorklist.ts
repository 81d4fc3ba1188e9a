import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  CalendarFeedDto,
  CallInput,
  CallResult,
  FollowupDto,
  FollowupInput,
  FollowupUpdate,
  TimelineEntry,
  Worklist,
} from '../../../../shared/api/worklist'
import { api, toQuery } from '../../../api/client'

export function useWorklistQuery(date: string | null, userId?: number) {
  return useQuery({
    queryKey: ['worklist', date, userId ?? null],
    queryFn: () => api.get<Worklist>(`/worklist${toQuery({ date, userId })}`),
  })
}

export function useFollowupsQuery(filter: {
  state: 'open' | 'overdue' | 'done'
  userId?: number
  customerId?: number
}) {
  return useQuery({
    queryKey: ['followups', filter],
    queryFn: () => api.get<{ followups: FollowupDto[] }>(`/followups${toQuery(filter)}`),
  })
}

export function useTimelineQuery(customerId: number) {
  return useQuery({
    queryKey: ['timeline', customerId],
    queryFn: () => api.get<{ entries: TimelineEntry[] }>(`/customers/${customerId}/timeline`),
  })
}

/** A call touches the list, the Wiedervorlagen, the customer's timeline, attempts, reasons and contact state. */
function useInvalidateDaily() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all(
      [
        'worklist',
        'followups',
        'timeline',
        'winback-attempts',
        'winback',
        'customer-reasons',
        'contact',
        'customer',
        'campaigns',
      ].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
    )
}

export function useLogCall(customerId: number) {
  const onSuccess = useInvalidateDaily()
  return useMutation({
    mutationFn: (body: CallInput) => api.post<CallResult>(`/customers/${customerId}/calls`, body),
    onSuccess,
  })
}

export function usePlanFollowup(customerId: number) {
  const onSuccess = useInvalidateDaily()
  return useMutation({
    mutationFn: (body: FollowupInput) => api.post<{ id: number }>(`/customers/${customerId}/followups`, body),
    onSuccess,
  })
}

export function useUpdateFollowup() {
  const onSuccess = useInvalidateDaily()
  return useMutation({
    mutationFn: ({ id, ...body }: FollowupUpdate & { id: number }) => api.patch(`/followups/${id}`, body),
    onSuccess,
  })
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: ['calendar-feed'],
    queryFn: () => api.get<CalendarFeedDto>('/me/calendar-feed'),
  })
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<CalendarFeedDto>('/me/calendar-feed', {}),
    onSuccess: (feed) => queryClient.setQueryData(['calendar-feed'], feed),
  })
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.delete('/me/calendar-feed'),
    onSuccess: () => queryClient.setQueryData(['calendar-feed'], { path: null, createdAt: null }),
  })
}

export function useSetOwner(customerId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { ownerUserId: number | null; note?: string }) =>
      api.put(`/customers/${customerId}/owner`, body),
    onSuccess: () =>
      Promise.all(
        ['customer', 'timeline', 'owner-history'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  })
}
