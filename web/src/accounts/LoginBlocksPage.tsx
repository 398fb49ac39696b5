import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui/format.ts';
import { RowAction } from '../ui/RowAction.tsx';
import { RowsTable } from '../ui/RowsTable.tsx';
import { ActionError, ListStates } from '../ui/states.tsx';
import { Tagged } from '../ui/Tagged.tsx';
import { type LoginBlock, useLiftLoginBlock, useLoginBlocks } from './useLoginBlocks.ts';

/** Who a block holds back: an account (from one address or from every unfamiliar one), or every account from one address. */
function BlockWho({ block }: { block: LoginBlock }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {block.account === null ? t('loginBlocks.everyAccount') : (block.user?.fullName ?? block.account)}
      </Text>
      {block.user && (
        <Text size="xs" c="dimmed">
          {block.account}
        </Text>
      )}
    </Stack>
  );
}

/** The sign-in blocks in force, each with its address, failures and end, and a button to lift it. */
export default function LoginBlocksPage() {
  const { t } = useTranslation();
  const blocks = useLoginBlocks();
  const lift = useLiftLoginBlock();
  return (
    <Stack>
      <Title order={2}>{t('loginBlocks.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('loginBlocks.intro')}
      </Text>
      <ActionError error={lift.error} />
      <ListStates query={blocks} empty={t('loginBlocks.none')}>
        {(page) => (
          <RowsTable
            minWidth={640}
            data-testid="login-blocks"
            columns={[
              t('loginBlocks.account'),
              t('loginBlocks.address'),
              t('loginBlocks.failures'),
              t('loginBlocks.lastFailure'),
              t('loginBlocks.until'),
              null,
            ]}
          >
            {page.items.map((block) => (
              <Table.Tr key={block.id}>
                <Table.Td>
                  <BlockWho block={block} />
                </Table.Td>
                <Table.Td>
                  <Tagged tag={block.usualAddress && t('loginBlocks.usual')}>
                    {block.ip ?? t('loginBlocks.everyOtherAddress')}
                  </Tagged>
                </Table.Td>
                <Table.Td>{block.failures}</Table.Td>
                <Table.Td>{formatDateTime(block.lastFailureAt)}</Table.Td>
                <Table.Td>{formatDateTime(block.blockedUntil)}</Table.Td>
                <Table.Td>
                  <RowAction mutation={lift} id={block.id}>
                    {t('loginBlocks.lift')}
                  </RowAction>
                </Table.Td>
              </Table.Tr>
            ))}
          </RowsTable>
        )}
      </ListStates>
    </Stack>
  );
}
