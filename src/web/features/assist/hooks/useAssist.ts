import { useDebouncedValue } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  AssistSettingsDto,
  AssistSettingsInput,
  LlmInput,
  NoteAnalysis,
  ReasonModelStatus,
} from '../../../../shared/api/assist'
import { api } from '../../../api/client'

/** What the assistant reads from a note, once the rep paused typing (short notes are not read). */
export function useNoteAnalysis(note: string) {
  const [settled] = useDebouncedValue(note.trim(), 400)
  return useQuery({
    queryKey: ['assist', 'note', settled],
    queryFn: () => api.post<NoteAnalysis>('/assist/notes', { note: settled }),
    enabled: settled.length >= 8,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  })
}

export function useAssistStatus() {
  return useQuery({
    queryKey: ['assist', 'status'],
    queryFn: () => api.get<{ languageModel: boolean }>('/assist/status'),
    staleTime: 60_000,
  })
}

export function useAskLanguageModel(customerId: number) {
  return useMutation({
    mutationFn: (input: Partial<LlmInput> & { purpose: LlmInput['purpose']; language: 'de' | 'en' }) =>
      api.post<{ text: string; model: string; requestId: number }>(`/customers/${customerId}/assist`, input),
  })
}

export function useReasonModelQuery() {
  return useQuery({
    queryKey: ['assist', 'reason-model'],
    queryFn: () => api.get<ReasonModelStatus>('/assist/reason-model'),
  })
}

export function useTrainReasons() {
  return useMutation({ mutationFn: () => api.post<{ jobId: string }>('/assist/reason-model/train', {}) })
}

export function useAssistSettingsQuery() {
  return useQuery({
    queryKey: ['assist', 'settings'],
    queryFn: () => api.get<AssistSettingsDto>('/assist/settings'),
  })
}

export function useSaveAssistSettings() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: AssistSettingsInput) => api.put<AssistSettingsDto>('/assist/settings', input),
    onSuccess: (data) => {
      client.setQueryData(['assist', 'settings'], data)
      void client.invalidateQueries({ queryKey: ['assist', 'status'] })
    },
  })
}
