import { Select, Table, Text } from '@mantine/core'
import type { ColumnMapping, ImportField, ImportKind } from '../../../../shared/imports'
import { fieldsOfKind } from '../../../../shared/imports'
import { useI18n } from '../../../i18n'

interface Props {
  headers: string[]
  sampleRows: string[][]
  mapping: ColumnMapping
  kind: ImportKind
  onChange: (mapping: ColumnMapping) => void
}

/** One row per column of the file: what it means (editable) and sample values. */
export function MappingTable({ headers, sampleRows, mapping, kind, onChange }: Props) {
  const { t } = useI18n()
  const fields = fieldsOfKind(kind)
  const fieldOf = (index: number) =>
    (Object.entries(mapping) as [ImportField, number][]).find(([, i]) => i === index)?.[0] ?? ''
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table data-testid="mapping-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.column')}</Table.Th>
            <Table.Th>{t('imports.field')}</Table.Th>
            <Table.Th>{t('imports.sample')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {headers.map((header, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position in the file; headers may repeat
            <Table.Tr key={`${header}-${index}`}>
              <Table.Td fw={500}>{header}</Table.Td>
              <Table.Td w={240}>
                <Select
                  size="xs"
                  aria-label={header}
                  value={fieldOf(index)}
                  data={[
                    { value: '', label: t('imports.ignore') },
                    ...fields.map((f) => ({ value: f, label: t(`field.${f}`) })),
                  ]}
                  onChange={(value) => {
                    const next: ColumnMapping = {}
                    for (const [f, i] of Object.entries(mapping) as [ImportField, number][])
                      if (i !== index && f !== value) next[f] = i
                    if (value) next[value as ImportField] = index
                    onChange(next)
                  }}
                />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {sampleRows
                    .slice(0, 3)
                    .map((r) => r[index] ?? '')
                    .join(' · ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
