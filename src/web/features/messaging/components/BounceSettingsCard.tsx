import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import { type BounceSettingsInput, smtpSecurities } from '../../../../shared/api/messaging'
import { formatDateTime, formatNumber } from '../../../../shared/i18n/format'
import type { Role } from '../../../../shared/roles'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { JobProgress } from '../../../ui/JobProgress'
import { isJobActive, useJobQuery } from '../../dashboard/hooks/useClassifyJob'
import { useBounceSettingsQuery, useCheckBounces, useSaveBounceSettings } from '../hooks/useBounces'

/**
 * The mailbox returned mail arrives in (admins set it up): winback reads it every quarter hour and
 * marks the e-mails that came back; the last check's result, and a check now.
 */
export function BounceSettingsCard({ role }: { role: Role }) {
  const { t, locale } = useI18n()
  const query = useBounceSettingsQuery()
  const save = useSaveBounceSettings()
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJobQuery(jobId).data
  const check = useCheckBounces(setJobId)
  const [draft, setDraft] = useState<BounceSettingsInput | null>(null)
  useEffect(() => {
    if (query.data && !draft) {
      const { passwordSet: _p, passwordFromEnvironment: _e, lastCheck: _l, ...rest } = query.data
      setDraft(rest)
    }
  }, [query.data, draft])
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!query.data || !draft) return null
  const admin = role === 'admin'
  const set = (patch: Partial<BounceSettingsInput>) => setDraft({ ...draft, ...patch })
  const last = query.data.lastCheck
  return (
    <Card withBorder data-testid="bounce-settings">
      <Title order={4}>{t('bounces.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('bounces.intro')}
      </Text>
      <Switch
        label={t('bounces.enabled')}
        checked={draft.enabled}
        onChange={(e) => set({ enabled: e.currentTarget.checked })}
        disabled={!admin}
        mb="sm"
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          label={t('bounces.host')}
          placeholder="imap.firma.de"
          value={draft.host}
          onChange={(e) => set({ host: e.currentTarget.value })}
          disabled={!admin}
          required={draft.enabled}
        />
        <NumberInput
          label={t('mail.port')}
          value={draft.port}
          min={1}
          max={65535}
          onChange={(v) => set({ port: Number(v) || 993 })}
          disabled={!admin}
        />
        <Select
          label={t('mail.security')}
          data={smtpSecurities.map((s) => ({ value: s, label: t(`bounces.securities.${s}`) }))}
          value={draft.security}
          onChange={(v) => v && set({ security: v as BounceSettingsInput['security'] })}
          allowDeselect={false}
          disabled={!admin}
        />
        <TextInput
          label={t('bounces.mailbox')}
          value={draft.mailbox}
          onChange={(e) => set({ mailbox: e.currentTarget.value })}
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
          description={query.data.passwordFromEnvironment ? t('bounces.passwordFromEnvironment') : undefined}
          value={draft.password ?? ''}
          onChange={(e) => set({ password: e.currentTarget.value })}
          disabled={!admin}
        />
      </SimpleGrid>
      <Group mt="md">
        {admin && (
          <Button
            loading={save.isPending}
            onClick={() =>
              // an empty field keeps the stored password
              save.mutate(
                { ...draft, password: draft.password || undefined },
                {
                  onSuccess: () => {
                    setDraft({ ...draft, password: undefined })
                    notifications.show({ color: 'teal', message: t('bounces.saved') })
                  },
                },
              )
            }
            data-testid="bounce-save"
          >
            {t('common.save')}
          </Button>
        )}
        <Button
          variant="default"
          loading={check.isPending || isJobActive(job)}
          disabled={!query.data.enabled}
          onClick={() => check.mutate()}
          data-testid="bounce-check"
        >
          {t('bounces.checkNow')}
        </Button>
      </Group>
      <ErrorAlert error={save.error ?? check.error} />
      {isJobActive(job) && <JobProgress job={job} mt="sm" label={t('bounces.checking')} />}
      {last && (
        <Alert mt="sm" color={last.error ? 'red' : 'gray'} data-testid="bounce-last-check">
          {last.error
            ? t('bounces.lastFailed', { at: formatDateTime(last.at, locale), error: last.error })
            : t('bounces.lastCheck', {
                at: formatDateTime(last.at, locale),
                checked: formatNumber(last.checked, locale),
                bounces: formatNumber(last.bounces, locale),
                matched: formatNumber(last.matched, locale),
              })}
        </Alert>
      )}
    </Card>
  )
}
