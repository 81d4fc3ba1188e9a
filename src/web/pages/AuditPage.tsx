import { Stack, Tabs, Text, Title } from '@mantine/core'
import { AuditActionLog } from '../features/audit/components/AuditActionLog'
import { ContactDecisionLog } from '../features/audit/components/ContactDecisionLog'
import { useI18n } from '../i18n'

/**
 * Admins: who recorded consents, objections, data-protection actions, imports, user and settings
 * changes, and when; and every answer the contact law gave when someone acted.
 */
export function AuditPage() {
  const { t } = useI18n()
  return (
    <Stack>
      <div>
        <Title order={2}>{t('audit.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('audit.hint')}
        </Text>
      </div>
      <Tabs defaultValue="actions" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="actions">{t('audit.tabs.actions')}</Tabs.Tab>
          <Tabs.Tab value="decisions">{t('audit.tabs.decisions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="actions">
          <AuditActionLog />
        </Tabs.Panel>
        <Tabs.Panel value="decisions">
          <ContactDecisionLog />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
