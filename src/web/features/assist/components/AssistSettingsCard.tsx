import {
  Button,
  Card,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { AssistSettingsInput } from '../../../../shared/api/assist'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useAssistSettingsQuery, useSaveAssistSettings } from '../hooks/useAssist'

/** Admins: the competitors the note reader knows, and the optional language model (off by default). */
export function AssistSettingsCard() {
  const { t } = useI18n()
  const query = useAssistSettingsQuery()
  const save = useSaveAssistSettings()
  const [competitors, setCompetitors] = useState<string | null>(null)
  const [llm, setLlm] = useState<AssistSettingsInput['llm'] | null>(null)
  useEffect(() => {
    if (query.data && llm === null) {
      const { apiKeySet: _k, ...rest } = query.data.llm
      setLlm(rest)
      setCompetitors(query.data.competitors.join('\n'))
    }
  }, [query.data, llm])
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!query.data || !llm || competitors === null) return null
  const set = (patch: Partial<AssistSettingsInput['llm']>) => setLlm({ ...llm, ...patch })
  const submit = () =>
    save.mutate(
      {
        competitors: competitors
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean),
        llm: { ...llm, apiKey: llm.apiKey || undefined },
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('assist.settings.saved') }) },
    )
  return (
    <Card withBorder data-testid="assist-settings">
      <Title order={4}>{t('assist.settings.title')}</Title>
      <Stack gap="sm" mt="xs">
        <Textarea
          label={t('assist.settings.competitors')}
          value={competitors}
          onChange={(e) => setCompetitors(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
        />
        <Switch
          label={t('assist.settings.llmEnabled')}
          checked={llm.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
          data-testid="assist-llm-enabled"
        />
        <Text size="xs" c="dimmed">
          {t('assist.settings.llmHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('assist.settings.baseUrl')}
            value={llm.baseUrl}
            placeholder="http://127.0.0.1:11434/v1"
            onChange={(e) => set({ baseUrl: e.currentTarget.value })}
          />
          <TextInput
            label={t('assist.settings.model')}
            value={llm.model}
            placeholder="llama3.1:8b"
            onChange={(e) => set({ model: e.currentTarget.value })}
          />
          <PasswordInput
            label={t('assist.settings.apiKey')}
            description={query.data.llm.apiKeySet ? t('assist.settings.apiKeySet') : undefined}
            value={llm.apiKey ?? ''}
            onChange={(e) => set({ apiKey: e.currentTarget.value })}
          />
        </SimpleGrid>
        <TextInput
          label={t('assist.settings.tone')}
          value={llm.tone}
          placeholder="freundlich, per Sie, kurz"
          onChange={(e) => set({ tone: e.currentTarget.value })}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button onClick={submit} loading={save.isPending} data-testid="assist-settings-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
