import { useMutation } from '@tanstack/react-query'
import type { ImportPreview, ImportRunDto } from '../../../../shared/api/imports'
import type { ColumnMapping } from '../../../../shared/imports'
import { api } from '../../../api/client'

export function useUploadMutation() {
  return useMutation({
    mutationFn: (input: { file: File; kind: string; format: string }) => {
      const form = new FormData()
      form.append('file', input.file)
      form.append('kind', input.kind)
      form.append('format', input.format)
      return api.post<ImportPreview>('/imports', form)
    },
  })
}

export function useRecheckMutation() {
  return useMutation({
    mutationFn: (input: { runId: number; mapping: ColumnMapping }) =>
      api.post<ImportPreview>(`/imports/${input.runId}/preview`, { mapping: input.mapping }),
  })
}

export function useStartImportMutation() {
  return useMutation({
    mutationFn: (input: { runId: number; mapping?: ColumnMapping; skipInvalid: boolean }) =>
      api.post<ImportRunDto>(`/imports/${input.runId}/start`, {
        mapping: input.mapping,
        skipInvalid: input.skipInvalid,
      }),
  })
}
