import { Button, Group, Modal, Stack } from '@mantine/core'
import type { ReactNode } from 'react'
import { useI18n } from '../i18n'
import { ErrorAlert } from './ErrorAlert'

/** A modal form with its error, the fields, and Cancel / Save at the bottom. */
export function FormModal({
  title,
  onClose,
  onSubmit,
  pending,
  error,
  canSubmit = true,
  submitTestId,
  submitColor,
  opened = true,
  children,
}: {
  title: string
  onClose: () => void
  onSubmit: () => void
  pending: boolean
  error: unknown
  canSubmit?: boolean
  submitTestId?: string
  /** a red Save for what cannot simply be undone (an objection) */
  submitColor?: string
  /** for modals that stay mounted; most are mounted only while open */
  opened?: boolean
  children: ReactNode
}) {
  const { t } = useI18n()
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (canSubmit) onSubmit()
        }}
      >
        <Stack>
          {error != null && <ErrorAlert error={error} />}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={submitColor}
              disabled={!canSubmit}
              loading={pending}
              data-testid={submitTestId}
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
