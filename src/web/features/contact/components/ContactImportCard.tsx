import { Alert, Button, Card, FileInput, Group, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ImportIssue } from '../../../../shared/imports'
import { ApiError } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { IssueTable } from '../../imports/components/IssueTable'
import { useImportContactCsv } from '../hooks/useContact'

/** Consents and objections from a CSV file, all or nothing, with the report of every problem. */
export function ContactImportCard() {
  const { t } = useI18n()
  const [file, setFile] = useState<File | null>(null)
  const mutation = useImportContactCsv()
  const issues =
    mutation.error instanceof ApiError && Array.isArray(mutation.error.details)
      ? (mutation.error.details as ImportIssue[])
      : null
  return (
    <Card withBorder data-testid="contact-import">
      <Title order={4}>{t('contact.import.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('contact.import.hint')}
      </Text>
      <Stack>
        <Group align="flex-end">
          <FileInput
            value={file}
            onChange={setFile}
            accept=".csv,.txt,text/csv"
            placeholder={t('contact.import.placeholder')}
            w={320}
            clearable
            data-testid="contact-import-file"
          />
          <Button
            disabled={!file}
            loading={mutation.isPending}
            onClick={() => file && mutation.mutate(file)}
            data-testid="contact-import-submit"
          >
            {t('contact.import.button')}
          </Button>
        </Group>
        {mutation.isSuccess && (
          <Alert color="teal" data-testid="contact-import-done">
            {t('contact.import.done', mutation.data)}
          </Alert>
        )}
        {mutation.isError && <ErrorAlert error={mutation.error} />}
        {issues && issues.length > 0 && <IssueTable issues={issues} />}
      </Stack>
    </Card>
  )
}
