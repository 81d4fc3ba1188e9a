import {
  Alert,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import type { ImportPreview } from '../../shared/api/imports'
import {
  type ColumnMapping,
  type ImportFormat,
  type ImportKind,
  importFormats,
  importKinds,
} from '../../shared/imports'
import { ContactImportCard } from '../features/contact/components/ContactImportCard'
import { ExampleFiles } from '../features/imports/components/ExampleFiles'
import { ImportResult } from '../features/imports/components/ImportResult'
import { IssueTable } from '../features/imports/components/IssueTable'
import { MappingTable } from '../features/imports/components/MappingTable'
import { RecentImports } from '../features/imports/components/RecentImports'
import {
  useRecheckMutation,
  useStartImportMutation,
  useUploadMutation,
} from '../features/imports/hooks/useImportMutations'
import { useImportRunQuery } from '../features/imports/hooks/useImportRunQuery'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'

const delimiterNames: Record<string, string> = { ';': ';', ',': ',', '\t': 'Tab', '|': '|' }

export function ImportPage() {
  const { t } = useI18n()
  const [file, setFile] = useState<File | null>(null)
  const [kind, setKind] = useState<ImportKind>('orders')
  const [format, setFormat] = useState<ImportFormat | 'auto'>('auto')
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [runId, setRunId] = useState<number | null>(null)
  const upload = useUploadMutation()
  const recheck = useRecheckMutation()
  const start = useStartImportMutation()
  const run = useImportRunQuery(runId).data
  const finished = run && run.status !== 'running' && run.status !== 'pending'
  const step = finished ? 3 : runId ? 2 : preview ? 1 : 0
  // a rejected or failed import did not complete its last step: it is marked so, not checked green
  const unsuccessful = run?.status === 'rejected' || run?.status === 'failed'

  const reset = () => {
    setFile(null)
    setPreview(null)
    setRunId(null)
    setMapping({})
    setSkipInvalid(false)
    upload.reset()
    start.reset()
  }

  return (
    <Stack>
      <Title order={2}>{t('imports.title')}</Title>
      <Text c="dimmed" maw={820}>
        {t('imports.intro')}
      </Text>
      <Stepper active={step} allowNextStepsSelect={false}>
        <Stepper.Step label={t('imports.file')}>
          <Card withBorder maw={640}>
            <Stack>
              <FileInput
                label={t('imports.file')}
                placeholder={t('imports.filePlaceholder')}
                accept=".csv,.txt,text/csv"
                value={file}
                onChange={setFile}
                clearable
                data-testid="file-input"
              />
              <Select
                label={t('imports.kind')}
                value={kind}
                onChange={(v) => setKind(importKinds.find((k) => k === v) ?? 'orders')}
                data-testid="import-kind"
                data={[
                  { value: 'orders', label: t('imports.kindOrders') },
                  { value: 'customers', label: t('imports.kindCustomers') },
                  { value: 'contracts', label: t('imports.kindContracts') },
                ]}
              />
              <Select
                label={t('imports.format')}
                value={format}
                onChange={(v) => setFormat(importFormats.find((f) => f === v) ?? 'auto')}
                allowDeselect={false}
                data-testid="import-format"
                data={[
                  { value: 'auto', label: t('imports.formatAuto') },
                  ...importFormats.map((f) => ({ value: f, label: t(`format.${f}`) })),
                ]}
              />
              <ExampleFiles format={format} />
              <ErrorAlert error={upload.error} />
              <Button
                disabled={!file}
                loading={upload.isPending}
                onClick={() =>
                  file &&
                  upload.mutate(
                    { file, kind, format },
                    {
                      onSuccess: (p) => {
                        setPreview(p)
                        setMapping(p.mapping)
                      },
                    },
                  )
                }
              >
                {upload.isPending ? t('imports.uploading') : t('imports.upload')}
              </Button>
            </Stack>
          </Card>
        </Stepper.Step>
        <Stepper.Step label={t('imports.preview')}>
          {preview && (
            <Stack>
              <Alert color="blue" data-testid="detected">
                {t('imports.detected', {
                  format: t(`format.${preview.format}`),
                  encoding: preview.encoding,
                  delimiter: preview.delimiter ? delimiterNames[preview.delimiter] : '–',
                  rows: preview.rowsTotal,
                })}
              </Alert>
              {preview.kind !== kind && (
                <Alert color="blue" data-testid="kind-from-file">
                  {t('imports.kindFromFile', {
                    kind: t(`imports.kind${preview.kind[0]!.toUpperCase()}${preview.kind.slice(1)}`),
                  })}
                </Alert>
              )}
              {preview.alreadyImported && <Alert color="yellow">{t('imports.alreadyImported')}</Alert>}
              {preview.format === 'generic' && (
                <Card withBorder>
                  <MappingTable
                    headers={preview.headers}
                    sampleRows={preview.sampleRows}
                    mapping={mapping}
                    kind={preview.kind}
                    onChange={(next) => {
                      setMapping(next)
                      recheck.mutate(
                        { runId: preview.runId, mapping: next },
                        { onSuccess: (p) => setPreview({ ...p, mapping: next }) },
                      )
                    }}
                  />
                </Card>
              )}
              <Card withBorder>
                <Text fw={600} mb="xs">
                  {t('imports.previewIssues')}
                </Text>
                {preview.issues.length === 0 ? (
                  <Text size="sm" c="green.8">
                    {t('imports.noPreviewIssues')}
                  </Text>
                ) : (
                  <IssueTable issues={preview.issues as never} />
                )}
              </Card>
              <Checkbox
                label={t('imports.skipInvalid')}
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
              />
              <ErrorAlert error={start.error ?? recheck.error} />
              <Group>
                <Button variant="default" onClick={reset}>
                  {t('common.cancel')}
                </Button>
                <Button
                  loading={start.isPending}
                  onClick={() =>
                    start.mutate(
                      {
                        runId: preview.runId,
                        mapping: preview.format === 'generic' ? mapping : undefined,
                        skipInvalid,
                      },
                      { onSuccess: (r) => setRunId(r.id) },
                    )
                  }
                >
                  {t('imports.start')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Step
          label={unsuccessful ? t(`imports.result.${run.status}`) : t('imports.progress')}
          color={unsuccessful ? 'red' : undefined}
          completedIcon={
            unsuccessful ? (
              <span aria-hidden="true" style={{ color: 'white', fontWeight: 700 }}>
                ✕
              </span>
            ) : undefined
          }
          data-testid="import-step-run"
          data-outcome={finished ? run.status : undefined}
        >
          <Card withBorder maw={640} data-testid="import-progress">
            <Text mb="xs">
              {t(`imports.phase.${run?.progress?.phase ?? 'starting'}`, {
                defaultValue: run?.progress?.phase,
              })}
            </Text>
            <Progress
              value={
                run?.progress && run.progress.total > 0 ? (100 * run.progress.done) / run.progress.total : 5
              }
              animated
            />
          </Card>
        </Stepper.Step>
        <Stepper.Completed>{run && <ImportResult run={run} onAnother={reset} />}</Stepper.Completed>
      </Stepper>
      <Title order={4} mt="lg">
        {t('imports.history')}
      </Title>
      <RecentImports />
      <ContactImportCard />
    </Stack>
  )
}
