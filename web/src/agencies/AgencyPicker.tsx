import type { AgencyListResponse } from '@giamsat/server/agencies/agency.schemas.ts';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../api/client.ts';

type AgencyList = z.infer<typeof AgencyListResponse>;

/** A body picked by typing part of its name or an alias, with or without diacritics (the server folds them). */
export function AgencyPicker({
  label,
  value,
  onChange,
  selectedName,
}: {
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
  selectedName?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const agencies = useQuery({
    queryKey: ['agencies', 'search', debounced],
    queryFn: () => api.get<AgencyList>('/api/agencies', { q: debounced || undefined, limit: 30 }),
    staleTime: 5 * 60_000,
  });
  const options = (agencies.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.name }));
  const listed = value !== null && options.some((o) => o.value === String(value));
  // A body chosen elsewhere (a link from the dashboard, a saved URL) is named by asking for it.
  const chosen = useQuery({
    queryKey: ['agencies', 'one', value],
    queryFn: () => api.get<{ name: string }>(`/api/agencies/${value}`),
    enabled: value !== null && !listed && !selectedName,
    staleTime: 5 * 60_000,
  });
  if (value && !listed) {
    options.unshift({ value: String(value), label: selectedName ?? chosen.data?.name ?? `#${value}` });
  }
  return (
    <Select
      label={label}
      placeholder={t('agencies.searchPlaceholder')}
      searchable
      clearable
      data={options}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={agencies.isFetching ? t('common.loading') : t('agencies.noneFound')}
    />
  );
}
