import { AgencyLevel } from '@giamsat/shared';
import { Button, Group, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { DayInput } from '../ui/DayInput.tsx';
import { ErrorState } from '../ui/states.tsx';
import type { Directive, useReviewActions } from './useDirectives.ts';

/** The document's own fields as the extractor read them: number, type, date, issuer, level, programme, links. */
export function DirectiveFieldsForm({
  directive,
  actions,
}: {
  directive: Directive;
  actions: ReturnType<typeof useReviewActions>;
}) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(directive.number ?? '');
  const [docType, setDocType] = useState(directive.docType ?? '');
  const [issuedOn, setIssuedOn] = useState<string | null>(directive.issuedOn);
  const [issuerId, setIssuerId] = useState<number | null>(directive.issuer?.id ?? null);
  const [issuerName, setIssuerName] = useState(directive.issuerName ?? '');
  const [level, setLevel] = useState<AgencyLevel>(directive.level);
  const [title, setTitle] = useState(directive.title);
  const [programmeCode, setProgrammeCode] = useState(directive.programmeCode ?? '');
  const [implementsNumbers, setImplements] = useState(directive.implements.map((link) => link.number));
  const editable = directive.abilities.canEdit;

  const save = () =>
    actions.updateDirective.mutate(
      {
        version: directive.version,
        changes: {
          number: number.trim(),
          docType: docType.trim() || null,
          issuedOn,
          issuerAgencyId: issuerId,
          issuerName: issuerName.trim() || null,
          level,
          title: title.trim(),
          programmeCode: programmeCode.trim() || null,
          implements: implementsNumbers,
        },
      },
      { onSuccess: () => notifications.show({ color: 'green', message: t('directives.fields.saved') }) },
    );

  return (
    <Stack gap="sm" data-testid="directive-fields">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          label={t('directives.fields.number')}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          required
          disabled={!editable}
        />
        <TextInput
          label={t('directives.fields.type')}
          value={docType}
          onChange={(e) => setDocType(e.currentTarget.value)}
          disabled={!editable}
        />
        <DayInput label={t('directives.fields.issuedOn')} value={issuedOn} onChange={setIssuedOn} />
        <Select
          label={t('directives.fields.level')}
          data={AgencyLevel.options.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          value={level}
          onChange={(v) => v && setLevel(AgencyLevel.parse(v))}
          allowDeselect={false}
          disabled={!editable}
        />
        <AgencyPicker
          label={t('directives.fields.issuer')}
          value={issuerId}
          onChange={setIssuerId}
          selectedName={directive.issuer?.name}
        />
        <TextInput
          label={t('directives.fields.issuerName')}
          value={issuerName}
          onChange={(e) => setIssuerName(e.currentTarget.value)}
          disabled={!editable}
        />
        <TextInput
          label={t('directives.fields.programme')}
          value={programmeCode}
          onChange={(e) => setProgrammeCode(e.currentTarget.value)}
          disabled={!editable}
        />
        <TagsInput
          label={t('directives.fields.implements')}
          description={t('directives.fields.implementsHint')}
          value={implementsNumbers}
          onChange={setImplements}
          disabled={!editable}
        />
      </SimpleGrid>
      <Textarea
        label={t('directives.fields.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        autosize
        minRows={1}
        disabled={!editable}
      />
      {actions.updateDirective.error && <ErrorState error={actions.updateDirective.error} />}
      {editable && (
        <Group>
          <Button
            variant="light"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={save}
            loading={actions.updateDirective.isPending}
            disabled={!number.trim()}
          >
            {t('directives.fields.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
