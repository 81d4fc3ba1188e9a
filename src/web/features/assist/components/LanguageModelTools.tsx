import { Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { LlmPurpose } from '../../../../shared/api/assist'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useAskLanguageModel, useAssistStatus } from '../hooks/useAssist'

/**
 * The language model's help, shown only when an admin configured one: a summary of the note, a
 * suggested next step, a letter or e-mail draft. The answer is shown to copy or to take as the
 * note; what was sent is logged on the server.
 */
export function LanguageModelTools({
  customerId,
  note,
  onUseAsNote,
}: {
  customerId: number
  note: string
  onUseAsNote: (text: string) => void
}) {
  const { t, locale } = useI18n()
  const status = useAssistStatus()
  const ask = useAskLanguageModel(customerId)
  const [asked, setAsked] = useState<LlmPurpose | null>(null)
  if (!status.data?.languageModel) return null
  const run = (purpose: LlmPurpose, channel?: 'letter' | 'email') => {
    setAsked(purpose)
    ask.mutate({ purpose, note, channel, language: locale })
  }
  return (
    <Stack gap={6} data-testid="language-model-tools">
      <Group gap="xs">
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => run('summary')}
          disabled={!note.trim()}
          loading={ask.isPending && asked === 'summary'}
        >
          {t('assist.summarise')}
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => run('next_step')}
          loading={ask.isPending && asked === 'next_step'}
        >
          {t('assist.suggestNext')}
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => run('draft', 'letter')}
          loading={ask.isPending && asked === 'draft'}
        >
          {t('assist.draftLetter')}
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => run('draft', 'email')}
          loading={ask.isPending && asked === 'draft'}
        >
          {t('assist.draftEmail')}
        </Button>
      </Group>
      {ask.isError && <ErrorAlert error={ask.error} />}
      {ask.data && (
        <Paper withBorder p="xs" data-testid="language-model-answer">
          <Text size="xs" c="dimmed">
            {t('assist.draftTitle', { model: ask.data.model, interpolation: { escapeValue: false } })}
            {asked === 'draft' ? ` · ${t('assist.draftHint')}` : ''}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {ask.data.text}
          </Text>
          <Group gap="xs" mt={4}>
            <CopyButton value={ask.data.text}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" onClick={copy}>
                  {copied ? t('assist.copied') : t('assist.copy')}
                </Button>
              )}
            </CopyButton>
            {asked !== 'draft' && (
              <Button size="compact-xs" variant="light" onClick={() => onUseAsNote(ask.data!.text)}>
                {t('assist.useAsNote')}
              </Button>
            )}
          </Group>
        </Paper>
      )}
    </Stack>
  )
}
