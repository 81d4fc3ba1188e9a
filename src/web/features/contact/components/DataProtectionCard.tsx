import { Alert, Button, Card, Group, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import type { ErasureResult } from '../../../../shared/api/contact'
import { formatDate } from '../../../../shared/i18n/format'
import { toQuery } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useEraseCustomer } from '../hooks/useContact'

/** Admins only: the access export (Art. 15) and the erasure (Art. 17), confirmed by typing the customer number. */
export function DataProtectionCard({
  customerId,
  customerNumber,
  erased,
}: {
  customerId: number
  customerNumber: string
  erased: boolean
}) {
  const { t, locale } = useI18n()
  const erase = useEraseCustomer(customerId)
  const [open, setOpen] = useState(false)
  const [confirm, setConfirm] = useState('')
  const [result, setResult] = useState<ErasureResult | null>(null)
  const href = (format: 'json' | 'pdf') =>
    `/api/customers/${customerId}/data-export${toQuery({ format, lang: locale })}`
  return (
    <Card withBorder data-testid="data-protection">
      <Title order={4}>{t('dataProtection.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('dataProtection.hint')}
      </Text>
      <Group gap="xs">
        <Button component="a" href={href('json')} download variant="default" size="xs">
          {t('dataProtection.exportJson')}
        </Button>
        <Button
          component="a"
          href={href('pdf')}
          download
          variant="default"
          size="xs"
          data-testid="export-pdf"
        >
          {t('dataProtection.exportPdf')}
        </Button>
        {!erased && (
          <Button color="red" variant="outline" size="xs" onClick={() => setOpen(true)} data-testid="erase">
            {t('dataProtection.erase')}
          </Button>
        )}
      </Group>
      {result && (
        <Alert color="gray" mt="sm" title={t('dataProtection.erasedTitle')} data-testid="erasure-result">
          <List size="sm">
            {result.kept.map((k) => (
              <List.Item key={k.what}>
                {k.until
                  ? t('dataProtection.kept', {
                      count: k.count,
                      what: t(`dataProtection.what.${k.what}`),
                      until: formatDate(k.until, locale),
                      norm: k.norm,
                    })
                  : t('dataProtection.keptOpen', {
                      count: k.count,
                      what: t(`dataProtection.what.${k.what}`),
                      norm: k.norm,
                    })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('dataProtection.eraseTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault()
            erase.mutate(confirm.trim(), {
              onSuccess: (r) => {
                setResult(r)
                setOpen(false)
                setConfirm('')
              },
            })
          }}
        >
          <Stack>
            <Text size="sm">{t('dataProtection.eraseText')}</Text>
            {erase.isError && <ErrorAlert error={erase.error} />}
            <TextInput
              label={t('dataProtection.confirmLabel', { number: customerNumber })}
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              data-testid="erase-confirm"
              autoComplete="off"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('contact.cancel')}
              </Button>
              <Button
                type="submit"
                color="red"
                disabled={confirm.trim() !== customerNumber}
                loading={erase.isPending}
                data-testid="erase-submit"
              >
                {t('dataProtection.eraseConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  )
}
