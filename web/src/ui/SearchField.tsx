import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';

/**
 * A words filter's state: the text as typed (shown at once) and the list's query, set 300 ms after the
 * last keystroke (trimmed; null when empty). `clear` empties the field when the filters are cleared.
 */
export function useSearchText(query: string | null | undefined, onSearch: (q: string | null) => void) {
  const [text, setText] = useState(query ?? '');
  const search = useDebouncedCallback((value: string) => onSearch(value.trim() || null), 300);
  return {
    text,
    change: (value: string) => {
      setText(value);
      search(value);
    },
    clear: () => setText(''),
  };
}

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
