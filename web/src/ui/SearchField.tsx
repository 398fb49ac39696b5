import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

/** A list's "words" filter: the text as typed, handed on at each keystroke (callers debounce the query). */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
