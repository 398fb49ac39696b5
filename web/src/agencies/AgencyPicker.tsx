import type { AgencyListResponse } from '@giamsat/server/agencies/agency.schemas.ts';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { SearchSelect } from '../ui/SearchSelect.tsx';

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
  return (
    <SearchSelect
      label={label}
      placeholder={t('agencies.searchPlaceholder')}
      noneFound={t('agencies.noneFound')}
      value={value}
      onChange={onChange}
      selectedName={selectedName}
      searchKey={(q) => ['agencies', 'search', q]}
      search={async (q) =>
        (await api.get<AgencyList>('/api/agencies', { q, limit: 30 })).items.map((a) => ({
          value: String(a.id),
          label: a.name,
        }))
      }
      nameKey={(id) => ['agencies', 'one', id]}
      name={async (id) => (await api.get<{ name: string }>(`/api/agencies/${id}`)).name}
    />
  );
}
