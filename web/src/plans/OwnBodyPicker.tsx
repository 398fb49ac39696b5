import type { AgencyListResponse } from '@giamsat/server/agencies/agency.schemas.ts';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../api/client.ts';

type AgencyList = z.infer<typeof AgencyListResponse>;

/**
 * One of the office's own bodies (its scope's subtree; every body for the central office), listed
 * before anything is typed — a commune has only a few — and searched by name or alias without diacritics.
 * Names repeat across provinces ("Ủy ban nhân dân xã Tân Phú"), so a search over the whole country
 * would offer other communes' committees under the same name.
 */
export function OwnBodyPicker({
  label,
  scopeId,
  scopeName,
  value,
  selectedName,
  onChange,
}: {
  label: string;
  scopeId: number | null;
  scopeName: string | null;
  value: number | null;
  selectedName?: string;
  /** `canReport`: the body has an active account able to report (unknown for a body not listed). */
  onChange: (body: { id: number; name: string; canReport: boolean | null } | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // The typed text is the chosen body's name once one is picked: list all again rather than only it.
  const q = debounced && debounced !== selectedName ? debounced : undefined;
  const bodies = useQuery({
    queryKey: ['agencies', 'within', scopeId, q],
    queryFn: () => api.get<AgencyList>('/api/agencies', { q, withinId: scopeId ?? undefined, limit: 50 }),
    staleTime: 5 * 60_000,
  });
  const items = bodies.data?.items ?? [];
  const options = items.map((a) => ({ value: String(a.id), label: a.name }));
  if (value && !options.some((o) => o.value === String(value))) {
    options.unshift({ value: String(value), label: selectedName ?? `#${value}` });
  }
  return (
    <Select
      label={label}
      placeholder={scopeName ? t('plans.leadPlaceholder', { scope: scopeName }) : t('agencies.searchPlaceholder')}
      searchable
      clearable
      data={options}
      value={value ? String(value) : null}
      onChange={(v, option) =>
        onChange(
          v
            ? {
                id: Number(v),
                name: option.label,
                canReport: items.find((a) => String(a.id) === v)?.canReport ?? null,
              }
            : null,
        )
      }
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={bodies.isFetching ? t('common.loading') : t('plans.noOwnBodies')}
    />
  );
}
