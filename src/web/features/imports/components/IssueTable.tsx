import { Badge, Table, Text } from '@mantine/core'
import type { ImportIssue } from '../../../../shared/imports'
import { useI18n } from '../../../i18n'
import { issueReasonText } from '../import-texts'

/** The error report: line, column, value and reason of each problem. */
export function IssueTable({ issues }: { issues: ImportIssue[] }) {
  const { t } = useI18n()
  return (
    <Table.ScrollContainer minWidth={640} mah={360}>
      <Table striped stickyHeader data-testid="issue-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.issue.line')}</Table.Th>
            <Table.Th>{t('imports.issue.column')}</Table.Th>
            <Table.Th>{t('imports.issue.value')}</Table.Th>
            <Table.Th>{t('imports.issue.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the report is fixed; one line can have several issues
            <Table.Tr key={`${i.line}-${i.column}-${n}`}>
              <Table.Td>{i.line > 0 ? i.line : '–'}</Table.Td>
              <Table.Td>{i.column}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {i.value}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={i.severity === 'error' ? 'red' : 'yellow'} variant="light" size="sm" mr={6}>
                  {t(`issueCode.${i.code}`, { defaultValue: i.code })}
                </Badge>
                <Text span size="sm">
                  {issueReasonText(t, i)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
