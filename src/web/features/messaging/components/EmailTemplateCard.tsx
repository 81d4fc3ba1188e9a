import {
  Button,
  Card,
  Code,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { CustomerList } from '../../../../shared/api/customers'
import type { MeasureDto } from '../../../../shared/api/playbook'
import { api, toQuery } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import {
  type EmailTemplateDto,
  useEmailTemplateQuery,
  usePreviewEmail,
  useSaveEmailTemplate,
} from '../hooks/useMessaging'

const fields = [
  'salutation',
  'customer.name',
  'customer.first_name',
  'customer.last_name',
  'customer.number',
  'company.name',
  'sender.name',
  'measure',
  'offer',
  'survey_url',
]

/**
 * The e-mail templates per measure and language (Liquid: {{ salutation }}, {% if offer != "" %} …),
 * with a preview on a real customer. The objection notice and the imprint are added to every
 * advertising e-mail whatever the template says.
 */
export function EmailTemplateCard({ measures, canEdit }: { measures: MeasureDto[]; canEdit: boolean }) {
  const { t, locale } = useI18n()
  const [measureId, setMeasureId] = useState<number | null>(null)
  const [language, setLanguage] = useState<'de' | 'en'>(locale)
  const query = useEmailTemplateQuery(measureId, language)
  const save = useSaveEmailTemplate()
  const preview = usePreviewEmail()
  const [draft, setDraft] = useState<EmailTemplateDto | null>(null)
  const [customer, setCustomer] = useState('')
  const [lookupError, setLookupError] = useState<string | null>(null)
  useEffect(() => {
    if (query.data) setDraft(query.data)
  }, [query.data])
  const showPreview = async () => {
    if (!draft) return
    setLookupError(null)
    const found = await api.get<CustomerList>(`/customers${toQuery({ q: customer, pageSize: 1 })}`)
    const first = found.items[0]
    if (!first) {
      setLookupError(t('mail.template.noCustomer', { q: customer }))
      return
    }
    preview.mutate({ ...draft, customerId: first.id })
  }
  return (
    <Card withBorder data-testid="email-templates">
      <Title order={4}>{t('mail.template.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('mail.template.intro')}
      </Text>
      <Group mb="sm">
        <Select
          aria-label={t('playbook.measure')}
          data={[
            { value: '', label: t('mail.template.general') },
            ...measures
              .filter((m) => m.retiredAt === null)
              .map((m) => ({ value: String(m.id), label: m.name[locale] })),
          ]}
          value={measureId === null ? '' : String(measureId)}
          onChange={(v) => setMeasureId(v ? Number(v) : null)}
          allowDeselect={false}
          w={300}
        />
        <SegmentedControl
          data={[
            { value: 'de', label: 'Deutsch' },
            { value: 'en', label: 'English' },
          ]}
          value={language}
          onChange={(v) => setLanguage(v as 'de' | 'en')}
        />
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {draft && (
        <Stack gap="xs">
          <TextInput
            label={t('mail.template.subject')}
            value={draft.subject}
            onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
            disabled={!canEdit}
          />
          <Textarea
            label={t('mail.template.body')}
            description={t('mail.template.fields', { fields: fields.map((f) => `{{ ${f} }}`).join(', ') })}
            value={draft.body}
            onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
            autosize
            minRows={8}
            styles={{ input: { fontFamily: 'monospace' } }}
            disabled={!canEdit}
            data-testid="template-body"
          />
          <Switch
            label={t('mail.template.informal')}
            checked={draft.informal}
            onChange={(e) => setDraft({ ...draft, informal: e.currentTarget.checked })}
            disabled={!canEdit}
          />
          <Group align="flex-end">
            {canEdit && (
              <Button
                loading={save.isPending}
                onClick={() =>
                  save.mutate(
                    { ...draft, measureId, language },
                    {
                      onSuccess: () =>
                        notifications.show({ color: 'teal', message: t('mail.template.saved') }),
                    },
                  )
                }
                data-testid="template-save"
              >
                {t('common.save')}
              </Button>
            )}
            <TextInput
              label={t('mail.template.previewFor')}
              placeholder={t('mail.template.previewPlaceholder')}
              value={customer}
              onChange={(e) => setCustomer(e.currentTarget.value)}
              w={260}
            />
            <Button
              variant="default"
              disabled={customer.trim() === ''}
              loading={preview.isPending}
              onClick={() => void showPreview()}
              data-testid="template-preview"
            >
              {t('mail.template.preview')}
            </Button>
          </Group>
          <ErrorAlert error={save.error ?? preview.error} />
          {lookupError && (
            <Text c="red" size="sm">
              {lookupError}
            </Text>
          )}
          {preview.data && (
            <Stack gap={2} data-testid="template-preview-result">
              <Text size="sm">
                {t('mail.template.to')}: {preview.data.to ?? t('mail.template.noAddress')}
              </Text>
              <Text size="sm" fw={600}>
                {preview.data.subject}
              </Text>
              <Code block style={{ whiteSpace: 'pre-wrap' }}>
                {preview.data.text}
              </Code>
            </Stack>
          )}
        </Stack>
      )}
    </Card>
  )
}
