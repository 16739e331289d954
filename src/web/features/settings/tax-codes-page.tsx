// Settings → Billing → Tax codes: the rates catalog items and invoice lines are taxed at, which one new
// items get by default, and archiving codes no longer offered.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconReceiptTax } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatRate } from '../../../shared/api/catalog.ts';
import { ApiError } from '../../api/client.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { catalogKeys, createTaxCode, type TaxCode, taxCodesQuery, updateTaxCode } from './catalog-api.ts';

export function TaxCodesPage() {
  const can = useCan();
  const canManage = can('billing.manage');
  const queryClient = useQueryClient();
  const codes = useQuery(taxCodesQuery);
  const [editing, setEditing] = useState<TaxCode | 'new' | null>(null);

  const change = useMutation({
    mutationFn: (args: { code: TaxCode; input: { isDefault?: boolean; archived?: boolean } }) =>
      updateTaxCode(args.code.id, args.input),
    onSuccess: async (saved, { input }) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      notifySuccess(
        input.isDefault
          ? `${saved.name} is now the default`
          : `${saved.name} ${saved.archived ? 'archived' : 'restored'}`,
      );
    },
    onError: (error) => notifyError(error, 'Could not change the tax code'),
  });

  const columns: Column<TaxCode>[] = [
    {
      key: 'name',
      header: 'Tax code',
      sortValue: (code) => code.name,
      render: (code) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500} c={code.archived ? 'dimmed' : undefined}>
              {code.name}
            </Text>
            {code.isDefault && (
              <Badge size="xs" variant="light" color="blue">
                Default
              </Badge>
            )}
            {code.archived && (
              <Badge size="xs" variant="light" color="gray">
                Archived
              </Badge>
            )}
          </Group>
          {code.description && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {code.description}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'rate',
      header: 'Rate',
      width: 110,
      align: 'right',
      sortValue: (code) => code.rateBasisPoints,
      render: (code) => (
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatRate(code.rateBasisPoints)}
        </Text>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 80,
      align: 'right',
      render: (code) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Edit ${code.name}`}
            onClick={() => setEditing(code)}
          >
            <IconPencil size={15} />
          </ActionIcon>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`More for ${code.name}`}>
                <IconDots size={15} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                disabled={code.isDefault || code.archived}
                onClick={() => change.mutate({ code, input: { isDefault: true } })}
              >
                Make default
              </Menu.Item>
              <Menu.Item
                disabled={code.isDefault}
                onClick={() => change.mutate({ code, input: { archived: !code.archived } })}
              >
                {code.archived ? 'Restore' : 'Archive'}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      ),
    });
  }

  const addButton = canManage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      Add tax code
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Tax codes"
        description="The rates catalog items are taxed at. New items get the default; archived codes stay on the items that use them but are no longer offered."
        actions={addButton}
      />
      {codes.isPending ? (
        <TableSkeleton columns={3} rows={3} />
      ) : codes.isError ? (
        <Text c="red">{codes.error.message}</Text>
      ) : codes.data.length === 0 ? (
        <EmptyState
          icon={<IconReceiptTax size={24} />}
          title="No tax codes yet"
          description="Add the rates you charge (VAT, GST, sales tax) and one for exempt clients."
          action={addButton || undefined}
        />
      ) : (
        <DataTable
          label="Tax codes"
          columns={columns}
          rows={codes.data}
          rowKey={(code) => code.id}
          initialSort={{ key: 'name', direction: 'asc' }}
          onOpen={canManage ? (code) => setEditing(code) : undefined}
        />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing && editing !== 'new' ? `Edit ${editing.name}` : 'Add tax code'}
      >
        {editing !== null && (
          <TaxCodeForm code={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
        )}
      </Modal>
    </>
  );
}

/** The rate is typed as a percentage with up to two decimals and sent as basis points. */
function TaxCodeForm(props: { code?: TaxCode; onClose: () => void }) {
  const { code } = props;
  const queryClient = useQueryClient();
  const [name, setName] = useState(code?.name ?? '');
  const [rate, setRate] = useState<number | string>(code ? code.rateBasisPoints / 100 : '');
  const [description, setDescription] = useState(code?.description ?? '');
  const [isDefault, setDefault] = useState(code?.isDefault ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (input: {
      name: string;
      rateBasisPoints: number;
      description: string | null;
      isDefault: boolean;
    }) => (code ? updateTaxCode(code.id, input) : createTaxCode(input)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      notifySuccess(code ? `${saved.name} saved` : `${saved.name} added`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const fields = error.fieldErrors;
        setErrors({
          name: error.code === 'tax_code.name_taken' ? error.message : (fields.name ?? ''),
          rate: fields.rateBasisPoints ?? '',
          isDefault: error.code === 'tax_code.default_archived' ? error.message : '',
        });
      }
      notifyError(error, 'Could not save the tax code');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const percent = Number(rate);
    const basisPoints = Math.round(percent * 100);
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Enter a name';
    if (rate === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      problems.rate = 'Enter a rate from 0 to 100 %';
    } else if (Math.abs(percent * 100 - basisPoints) > 1e-6) {
      problems.rate = 'Use at most two decimals';
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate({
      name: name.trim(),
      rateBasisPoints: basisPoints,
      description: description.trim() || null,
      isDefault,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="Standard VAT 20 %"
          required
          data-autofocus
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name || undefined}
        />
        <NumberInput
          label="Rate"
          description="Percent, up to two decimals"
          placeholder="20 %"
          required
          min={0}
          max={100}
          decimalScale={2}
          suffix=" %"
          hideControls
          w={160}
          value={rate}
          onChange={setRate}
          error={errors.rate || undefined}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
        <Switch
          label="Default for new catalog items"
          checked={isDefault}
          disabled={code?.archived}
          onChange={(event) => setDefault(event.currentTarget.checked)}
          error={errors.isDefault || undefined}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {code ? 'Save' : 'Add tax code'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
