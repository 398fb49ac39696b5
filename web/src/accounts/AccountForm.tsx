import { Role } from '@giamsat/shared';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailForward } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { ActionError } from '../ui/states.tsx';
import { type Account, useCreateAccount, useUpdateAccount } from './useAccounts.ts';

interface Values {
  fullName: string;
  email: string;
  role: Role;
  agencyId: number | null;
  scopeAgencyId: number | null;
}

/**
 * Creates an account (its owner gets an e-mailed invitation to set a password: none is typed here) or
 * changes one's name, address, body, role and — for a standing office — scope (none: the whole nation).
 */
export function AccountForm({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const change = account ? update : create;
  const form = useForm<Values>({
    initialValues: {
      fullName: account?.fullName ?? '',
      email: account?.email ?? '',
      role: account?.role ?? 'focal',
      agencyId: account?.agency.id ?? null,
      scopeAgencyId: account?.scopeAgency?.id ?? null,
    },
    validate: {
      fullName: (v) => (v.trim() ? null : t('accounts.form.fullNameRequired')),
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t('accounts.form.emailInvalid')),
      agencyId: (v) => (v ? null : t('accounts.form.agencyRequired')),
    },
  });
  const submit = (values: Values) => {
    const scopeAgencyId = values.role === 'office' ? values.scopeAgencyId : null;
    if (account) {
      update.mutate(
        {
          id: account.id,
          version: account.version,
          fullName: values.fullName.trim(),
          email: values.email.trim(),
          role: values.role,
          agencyId: values.agencyId ?? account.agency.id,
          scopeAgencyId,
        },
        { onSuccess: onClose },
      );
    } else {
      create.mutate(
        {
          fullName: values.fullName.trim(),
          email: values.email.trim(),
          role: values.role,
          agencyId: values.agencyId ?? 0,
          scopeAgencyId,
        },
        { onSuccess: onClose },
      );
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={account ? t('accounts.form.editTitle') : t('accounts.form.createTitle')}
      size="lg"
    >
      <form onSubmit={form.onSubmit(submit)}>
        <Stack>
          {!account && (
            <Alert color="blue" icon={<IconMailForward />}>
              {t('accounts.form.invitationNote')}
            </Alert>
          )}
          <TextInput label={t('accounts.fullName')} required {...form.getInputProps('fullName')} />
          <TextInput label={t('accounts.email')} type="email" required {...form.getInputProps('email')} />
          <AgencyPicker
            label={t('accounts.agency')}
            value={form.values.agencyId}
            selectedName={account?.agency.name}
            onChange={(id) => form.setFieldValue('agencyId', id)}
          />
          {form.errors.agencyId && (
            <Alert color="red" p="xs">
              {form.errors.agencyId}
            </Alert>
          )}
          <Select
            label={t('accounts.role')}
            data={Role.options.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          {form.values.role === 'office' && (
            <AgencyPicker
              label={t('accounts.scope')}
              value={form.values.scopeAgencyId}
              selectedName={account?.scopeAgency?.name}
              onChange={(id) => form.setFieldValue('scopeAgencyId', id)}
            />
          )}
          <ActionError error={change.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('accounts.form.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {account ? t('accounts.form.save') : t('accounts.form.createAndInvite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
