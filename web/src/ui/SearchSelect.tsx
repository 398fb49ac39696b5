import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type QueryKey, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface SearchOption {
  value: string;
  label: string;
}

/**
 * A row picked by typing part of its name: the server searches (and folds diacritics), this only shows
 * what it answers. A row chosen elsewhere (a link, a saved URL) and not in the answer is named by asking
 * for it, unless its name is given.
 */
export function SearchSelect({
  label,
  placeholder,
  noneFound,
  value,
  onChange,
  selectedName,
  searchKey,
  search,
  nameKey,
  name,
}: {
  label: string;
  placeholder: string;
  noneFound: string;
  value: number | null;
  onChange: (id: number | null) => void;
  selectedName?: string;
  /** The cache key of a search, and the search itself (`q` undefined: no words typed). */
  searchKey: (q: string) => QueryKey;
  search: (q: string | undefined) => Promise<SearchOption[]>;
  /** The cache key of one row's name, and how to ask for it. */
  nameKey: (id: number | null) => QueryKey;
  name: (id: number) => Promise<string>;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [debounced] = useDebouncedValue(typed, 250);
  const found = useQuery({
    queryKey: searchKey(debounced),
    queryFn: () => search(debounced || undefined),
    staleTime: 5 * 60_000,
  });
  const options = [...(found.data ?? [])];
  const listed = value !== null && options.some((o) => o.value === String(value));
  const chosen = useQuery({
    queryKey: nameKey(value),
    queryFn: () => name(value as number),
    enabled: value !== null && !listed && !selectedName,
    staleTime: 5 * 60_000,
  });
  if (value && !listed) {
    options.unshift({ value: String(value), label: selectedName ?? chosen.data ?? `#${value}` });
  }
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      data={options}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchValue={typed}
      onSearchChange={setTyped}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? t('common.loading') : noneFound}
    />
  );
}
