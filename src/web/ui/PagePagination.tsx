import { Pagination, type PaginationProps } from '@mantine/core'
import { useI18n } from '../i18n'

/** Mantine's pagination with names for its arrow buttons, which show only an icon. */
export function PagePagination(props: PaginationProps) {
  const { t } = useI18n()
  const names = {
    first: t('common.firstPage'),
    previous: t('common.previousPage'),
    next: t('common.nextPage'),
    last: t('common.lastPage'),
  }
  return <Pagination {...props} getControlProps={(control) => ({ 'aria-label': names[control] })} />
}
