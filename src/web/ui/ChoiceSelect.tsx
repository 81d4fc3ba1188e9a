import { Select, type SelectProps } from '@mantine/core'

type ChoiceSelectProps<T extends string> = Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'allowDeselect'
> & {
  choices: readonly T[]
  labelOf: (choice: T) => string
  value: T
  onChange: (choice: T) => void
}

/** A select of a fixed list of choices (kinds, channels, sources …): one is always chosen. */
export function ChoiceSelect<T extends string>({
  choices,
  labelOf,
  value,
  onChange,
  ...rest
}: ChoiceSelectProps<T>) {
  return (
    <Select
      {...rest}
      data={choices.map((choice) => ({ value: choice, label: labelOf(choice) }))}
      value={value}
      onChange={(chosen) => chosen && onChange(chosen as T)}
      allowDeselect={false}
    />
  )
}
