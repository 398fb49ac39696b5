import type { DirectiveListResponse, DirectiveResponse } from '@giamsat/server/directives/directive.schemas.ts';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { SearchSelect } from '../ui/SearchSelect.tsx';

type DirectiveList = z.infer<typeof DirectiveListResponse>;

/**
 * A published directive the user manages (the review queue's filter), picked by typing part of its number or title (without
 * diacritics: the server folds them).
 */
export function DirectivePicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const unnumbered = t('tasks.directiveUnnumbered');
  const labelOf = (d: Pick<DirectiveResponse, 'number' | 'title'>) =>
    `${d.number ?? unnumbered} — ${d.title}`.slice(0, 140);
  return (
    <SearchSelect
      label={label}
      placeholder={t('directives.picker.placeholder')}
      noneFound={t('directives.picker.noneFound')}
      value={value}
      onChange={onChange}
      searchKey={(q) => ['directives', 'pick', q]}
      search={async (q) =>
        (
          await api.get<DirectiveList>('/api/directives', { q, status: 'published', manageable: 'true', limit: 30 })
        ).items.map((d) => ({ value: String(d.id), label: labelOf(d) }))
      }
      nameKey={(id) => ['directives', id, 'name']}
      name={async (id) => labelOf(await api.get<DirectiveResponse>(`/api/directives/${id}`))}
    />
  );
}
