import { Checkbox, Group, Textarea, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { ContactOverview } from '../../../../shared/api/contact'
import {
  type ConsentSource,
  type ContactChannel,
  consentSources,
  contactChannels,
  type ObjectionScope,
  type ObjectionVia,
  objectionScopes,
  objectionVias,
} from '../../../../shared/contact'
import { formatDate, todayText } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { ChoiceSelect } from '../../../ui/ChoiceSelect'
import { FormModal } from '../../../ui/FormModal'
import { useRecordConsent, useRecordObjection, useUpdateContactFacts } from '../hooks/useContact'

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim())

interface FormProps {
  customerId: number
  opened: boolean
  onClose: () => void
}

export function ConsentModal({ customerId, opened, onClose }: FormProps) {
  const { t, locale } = useI18n()
  const mutation = useRecordConsent(customerId)
  const [channel, setChannel] = useState<ContactChannel>('email')
  const [source, setSource] = useState<ConsentSource>('form')
  const [fields, setFields] = useState<Record<string, string>>({ grantedAt: todayText(locale) })
  const field = (name: string) => ({
    label: t(`contact.field.${name}`),
    value: fields[name] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setFields({ ...fields, [name]: e.currentTarget.value }),
  })
  const submit = () => {
    mutation.mutate(
      {
        channel,
        source,
        grantedAt: fields.grantedAt ?? '',
        textVersion: optional(fields.textVersion ?? ''),
        text: optional(fields.text ?? ''),
        doiConfirmedAt: optional(fields.doiConfirmedAt ?? ''),
        ip: optional(fields.ip ?? ''),
        callReference: optional(fields.callReference ?? ''),
        collectedBy: optional(fields.collectedBy ?? ''),
      },
      {
        onSuccess: () => {
          setFields({ grantedAt: todayText(locale) })
          onClose()
        },
      },
    )
  }
  return (
    <FormModal
      title={t('contact.recordConsent')}
      opened={opened}
      onClose={onClose}
      onSubmit={submit}
      pending={mutation.isPending}
      error={mutation.error}
    >
      <Group grow>
        <ChoiceSelect
          label={t('contact.field.channel')}
          choices={contactChannels}
          labelOf={(c) => t(`contact.channel.${c}`)}
          value={channel}
          onChange={setChannel}
          data-testid="consent-channel"
        />
        <ChoiceSelect
          label={t('contact.field.source')}
          choices={consentSources}
          labelOf={(s) => t(`contact.source.${s}`)}
          value={source}
          onChange={setSource}
        />
      </Group>
      <Group grow>
        <TextInput {...field('grantedAt')} required placeholder={todayText(locale)} />
        <TextInput {...field('doiConfirmedAt')} placeholder={todayText(locale)} />
      </Group>
      <Group grow>
        <TextInput {...field('textVersion')} />
        <TextInput {...field('collectedBy')} />
      </Group>
      <Textarea {...field('text')} description={t('contact.field.textHint')} autosize minRows={2} />
      <Group grow>
        <TextInput {...field('ip')} />
        <TextInput {...field('callReference')} />
      </Group>
    </FormModal>
  )
}

export function ObjectionModal({ customerId, opened, onClose }: FormProps) {
  const { t, locale } = useI18n()
  const mutation = useRecordObjection(customerId)
  const [scope, setScope] = useState<ObjectionScope>('all')
  const [via, setVia] = useState<ObjectionVia>('letter')
  const [gdpr, setGdpr] = useState(false)
  const [receivedAt, setReceivedAt] = useState(todayText(locale))
  const [wording, setWording] = useState('')
  const submit = () => {
    mutation.mutate({ scope, via, gdpr, receivedAt, wording: optional(wording) }, { onSuccess: onClose })
  }
  return (
    <FormModal
      title={t('contact.recordObjection')}
      opened={opened}
      onClose={onClose}
      onSubmit={submit}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="objection-save"
      submitColor="red"
    >
      <Group grow>
        <ChoiceSelect
          label={t('contact.field.scope')}
          choices={objectionScopes}
          labelOf={(s) => t(`contact.scope.${s}`)}
          value={scope}
          onChange={setScope}
          data-testid="objection-scope"
        />
        <ChoiceSelect
          label={t('contact.field.via')}
          choices={objectionVias}
          labelOf={(s) => t(`contact.via.${s}`)}
          value={via}
          onChange={setVia}
        />
      </Group>
      <TextInput
        label={t('contact.field.receivedAt')}
        value={receivedAt}
        onChange={(e) => setReceivedAt(e.currentTarget.value)}
        required
      />
      <Checkbox
        label={t('contact.field.gdpr')}
        checked={gdpr}
        onChange={(e) => setGdpr(e.currentTarget.checked)}
        data-testid="objection-gdpr"
      />
      <Textarea
        label={t('contact.field.wording')}
        value={wording}
        onChange={(e) => setWording(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  )
}

type Facts = ContactOverview['facts']
const textFacts = [
  'emailOrigin',
  'optOutNoticeVersion',
  'presumedConsentText',
  'presumedConsentReviewer',
  'presumedConsentOn',
  'robinsonCheckedOn',
  'jurisdiction',
] as const

export function FactsModal({ customerId, opened, onClose, facts }: FormProps & { facts: Facts }) {
  const { t, locale } = useI18n()
  const mutation = useUpdateContactFacts(customerId)
  const initial = () =>
    Object.fromEntries(
      textFacts.map((k) => {
        const v = facts[k]
        return [k, v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, locale) : (v ?? '')]
      }),
    ) as Record<(typeof textFacts)[number], string>
  const [values, setValues] = useState(initial)
  const [listed, setListed] = useState(facts.robinsonListed ?? false)
  const submit = () => {
    const body = Object.fromEntries(
      textFacts.map((k) => [k, values[k].trim() === '' ? null : values[k].trim()]),
    )
    mutation.mutate(
      { ...body, robinsonListed: values.robinsonCheckedOn.trim() ? listed : null },
      { onSuccess: onClose },
    )
  }
  const input = (k: (typeof textFacts)[number]) => ({
    label: t(`contact.field.${k}`),
    value: values[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValues({ ...values, [k]: e.currentTarget.value }),
  })
  const groundsGiven = values.presumedConsentText.trim() !== ''
  const groundsComplete =
    !groundsGiven || (values.presumedConsentReviewer.trim() !== '' && values.presumedConsentOn.trim() !== '')
  return (
    <FormModal
      title={t('contact.editFacts')}
      opened={opened}
      onClose={onClose}
      onSubmit={submit}
      pending={mutation.isPending}
      error={mutation.error}
      canSubmit={groundsComplete}
    >
      <Group grow>
        <TextInput {...input('emailOrigin')} />
        <TextInput {...input('optOutNoticeVersion')} />
      </Group>
      <Textarea {...input('presumedConsentText')} autosize minRows={2} />
      <Group grow>
        {/* grounds count only with who reviewed them and when (§ 7 Abs. 2 Nr. 1 UWG, documented) */}
        <TextInput {...input('presumedConsentReviewer')} required={groundsGiven} />
        <TextInput {...input('presumedConsentOn')} placeholder={todayText(locale)} required={groundsGiven} />
      </Group>
      <Group grow align="flex-end">
        <TextInput {...input('robinsonCheckedOn')} placeholder={todayText(locale)} />
        <Checkbox
          label={t('contact.field.robinsonListed')}
          checked={listed}
          onChange={(e) => setListed(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <TextInput {...input('jurisdiction')} maxLength={2} w={200} />
    </FormModal>
  )
}
