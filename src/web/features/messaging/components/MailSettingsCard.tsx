import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import { type MailSettingsInput, smtpSecurities } from '../../../../shared/api/messaging'
import type { Role } from '../../../../shared/roles'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useMailSettingsQuery, useSaveMailSettings, useTestMail } from '../hooks/useMessaging'

/** The SMTP server winback sends through (admins change it), and a test mail. */
export function MailSettingsCard({ role }: { role: Role }) {
  const { t } = useI18n()
  const query = useMailSettingsQuery()
  const save = useSaveMailSettings()
  const test = useTestMail()
  const [draft, setDraft] = useState<MailSettingsInput | null>(null)
  const [to, setTo] = useState('')
  useEffect(() => {
    if (query.data && !draft) {
      const { passwordSet: _p, passwordFromEnvironment: _e, configured: _c, ...rest } = query.data
      setDraft(rest)
    }
  }, [query.data, draft])
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!query.data || !draft) return null
  const admin = role === 'admin'
  const set = (patch: Partial<MailSettingsInput>) => setDraft({ ...draft, ...patch })
  return (
    <Card withBorder data-testid="mail-settings">
      <Title order={4}>{t('mail.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('mail.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          label={t('mail.host')}
          value={draft.host}
          onChange={(e) => set({ host: e.currentTarget.value })}
          disabled={!admin}
        />
        <NumberInput
          label={t('mail.port')}
          value={draft.port}
          min={1}
          max={65535}
          onChange={(v) => set({ port: Number(v) || 587 })}
          disabled={!admin}
        />
        <Select
          label={t('mail.security')}
          data={smtpSecurities.map((s) => ({ value: s, label: t(`mail.securities.${s}`) }))}
          value={draft.security}
          onChange={(v) => v && set({ security: v as MailSettingsInput['security'] })}
          allowDeselect={false}
          disabled={!admin}
        />
        <NumberInput
          label={t('mail.rate')}
          value={draft.ratePerMinute}
          min={1}
          max={100000}
          onChange={(v) => set({ ratePerMinute: Number(v) || 60 })}
          disabled={!admin}
        />
        <TextInput
          label={t('mail.user')}
          value={draft.user}
          onChange={(e) => set({ user: e.currentTarget.value })}
          disabled={!admin}
        />
        <PasswordInput
          label={t('mail.password')}
          placeholder={query.data.passwordSet ? t('mail.passwordKept') : ''}
          description={query.data.passwordFromEnvironment ? t('mail.passwordFromEnvironment') : undefined}
          value={draft.password ?? ''}
          onChange={(e) => set({ password: e.currentTarget.value })}
          disabled={!admin}
        />
        <TextInput
          label={t('mail.from')}
          placeholder="Vertrieb <vertrieb@firma.de>"
          value={draft.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
          disabled={!admin}
        />
        <TextInput
          label={t('mail.replyTo')}
          value={draft.replyTo}
          onChange={(e) => set({ replyTo: e.currentTarget.value })}
          disabled={!admin}
        />
      </SimpleGrid>
      {admin && (
        <Group mt="md">
          <Button
            loading={save.isPending}
            onClick={() =>
              // an empty field keeps the stored password
              save.mutate(
                { ...draft, password: draft.password || undefined },
                {
                  onSuccess: () => {
                    setDraft({ ...draft, password: undefined })
                    notifications.show({ color: 'teal', message: t('mail.saved') })
                  },
                },
              )
            }
            data-testid="mail-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={save.error} />
      <Stack mt="md" gap="xs">
        <Group align="flex-end">
          <TextInput
            label={t('mail.testTo')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={280}
          />
          <Button
            variant="default"
            loading={test.isPending}
            disabled={!to.includes('@')}
            onClick={() => test.mutate(to)}
            data-testid="mail-test"
          >
            {t('mail.test')}
          </Button>
        </Group>
        <ErrorAlert error={test.error} />
        {test.data && (
          <Alert color={test.data.sent ? 'teal' : 'red'} data-testid="mail-test-result">
            {test.data.sent ? t('mail.testSent', { to }) : t('mail.testFailed', { error: test.data.error })}
          </Alert>
        )}
      </Stack>
    </Card>
  )
}
