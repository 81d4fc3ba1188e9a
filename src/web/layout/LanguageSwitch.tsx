import { SegmentedControl } from '@mantine/core'
import { api } from '../api/client'
import { useMeQuery } from '../features/auth/hooks/useMeQuery'
import { setLocale, useI18n } from '../i18n'

/** DE | EN; remembered in the browser and, when signed in, on the user. */
export function LanguageSwitch() {
  const { locale, t } = useI18n()
  const me = useMeQuery().data
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      value={locale}
      onChange={(value) => {
        const next = value === 'en' ? 'en' : 'de'
        setLocale(next)
        if (me) void api.patch(`/users/${me.id}`, { locale: next }).catch(() => undefined)
      }}
      data={[
        { value: 'de', label: 'DE' },
        { value: 'en', label: 'EN' },
      ]}
    />
  )
}
