import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core'
import { Link } from 'react-router'
import type { ImportRunDto } from '../../../../shared/api/imports'
import { useI18n } from '../../../i18n'
import { runMessageText } from '../import-texts'
import { IssueTable } from './IssueTable'

export function ImportResult({ run, onAnother }: { run: ImportRunDto; onAnother: () => void }) {
  const { t } = useI18n()
  const color = run.status === 'succeeded' ? (run.rowsRejected > 0 ? 'yellow' : 'green') : 'red'
  return (
    <Stack>
      <Alert
        color={color}
        title={t(`imports.result.${run.status}`)}
        data-testid="import-result"
        data-status={run.status}
      >
        {run.status === 'succeeded' ? (
          <Text size="sm">
            {t(run.kind === 'contracts' ? 'imports.contractCounts' : 'imports.counts', {
              rows: run.rowsTotal,
              customersCreated: run.customersCreated,
              customersUpdated: run.customersUpdated,
              documentsCreated: run.documentsCreated,
              documentsUpdated: run.documentsUpdated,
              documentsUnchanged: run.documentsUnchanged,
              contractsCreated: run.contractsCreated,
              contractsUpdated: run.contractsUpdated,
              contractsUnchanged: run.contractsUnchanged,
            })}
          </Text>
        ) : (
          <Text size="sm">{runMessageText(t, run)}</Text>
        )}
        {run.rowsRejected > 0 && run.status === 'succeeded' && (
          <Text size="sm">{t('imports.rejectedRows', { count: run.rowsRejected })}</Text>
        )}
      </Alert>
      {run.hasRejectedCsv && (
        <Anchor href={`/api/imports/${run.id}/rejected.csv`} download>
          {t('imports.downloadRejected')}
        </Anchor>
      )}
      {run.issues.length > 0 && (
        <>
          <Text fw={600}>{t('imports.issues')}</Text>
          <IssueTable issues={run.issues as never} />
        </>
      )}
      <Group>
        {run.status === 'succeeded' && (
          <Button component={Link} to={run.kind === 'contracts' ? '/customers' : '/customers?status=lost'}>
            {t('imports.showCustomers')}
          </Button>
        )}
        <Button variant="default" onClick={onAnother}>
          {t('imports.another')}
        </Button>
      </Group>
    </Stack>
  )
}
