import { describe, expect, it } from 'vitest'
import { exampleFiles as exampleFileIds, type ImportKind } from '../../../shared/imports'
import { exampleFiles } from './formats/examples'
import { detectImport, previewImport } from './preview-import'

describe('detectImport', () => {
  const cases: { id: (typeof exampleFileIds)[number]; kind: ImportKind }[] = exampleFileIds.flatMap((id) =>
    (['orders', 'customers'] as const).map((kind) => ({ id, kind })),
  )

  it.each(cases)('stores what the preview shows for $id asked as $kind', ({ id, kind }) => {
    const { fileName, bytes } = exampleFiles[id]()
    const preview = previewImport({ fileName, bytes, format: 'auto', kind })
    expect(detectImport({ fileName, bytes, format: 'auto', kind })).toEqual({
      format: preview.format,
      kind: preview.kind,
      encoding: preview.encoding,
      delimiter: preview.delimiter,
    })
  })

  it('takes the kind from the file where the format says it (DATEV debtors asked as orders)', () => {
    const { fileName, bytes } = exampleFiles['datev-debtors']()
    expect(detectImport({ fileName, bytes, format: 'auto', kind: 'orders' })).toEqual({
      format: 'datev',
      kind: 'customers',
      encoding: 'windows-1252',
      delimiter: ';',
    })
  })

  it('detects a whitespace-separated CDNOW file', () => {
    const bytes = new TextEncoder().encode('00001 19970101 1 11.77\n00002 19970112 1 12.00\n')
    expect(detectImport({ fileName: 'cdnow.txt', bytes, format: 'auto', kind: 'orders' })).toMatchObject({
      format: 'cdnow',
      delimiter: null,
    })
  })
})
