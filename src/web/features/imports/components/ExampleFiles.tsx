import { Anchor, Group, Text } from '@mantine/core'
import type { ExampleFile, ImportFormat } from '../../../../shared/imports'
import { exampleFiles } from '../../../../shared/imports'
import { useI18n } from '../../../i18n'

/** The example files of the chosen format (all of them while the format is recognised automatically). */
function examplesOf(format: ImportFormat | 'auto'): readonly ExampleFile[] {
  if (format === 'auto') return exampleFiles
  if (format === 'datev') return ['datev-bookings', 'datev-debtors']
  return exampleFiles.filter((f) => f === format)
}

export function ExampleFiles({ format }: { format: ImportFormat | 'auto' }) {
  const { t } = useI18n()
  const files = examplesOf(format)
  if (files.length === 0) return null
  return (
    <Group gap="xs" data-testid="example-files">
      <Text size="sm">{t('imports.examples')}</Text>
      {files.map((file) => (
        <Anchor key={file} size="sm" href={`/api/imports/examples/${file}`} download>
          {t(`imports.example.${file}`)}
        </Anchor>
      ))}
    </Group>
  )
}
