// The organization's work types, with whether each is on-site work (agreements' on-site minimum and trip
// charge apply to it).
import { Switch, Text, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { allWorkTypesQuery, createWorkType, ticketKeys, updateWorkType } from '../tickets/tickets-api.ts';
import { NamedListEditor } from './named-list-editor.tsx';

export function WorkTypeList(props: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const workTypes = useQuery(allWorkTypesQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ticketKeys.workTypes });
  const onSite = useMutation({
    mutationFn: (input: { id: string; isOnSite: boolean }) =>
      updateWorkType(input.id, { isOnSite: input.isOnSite }),
    onSuccess: async (saved) => {
      await refresh();
      notifySuccess(`${saved.name} ${saved.isOnSite ? 'is' : 'is no longer'} on-site work`);
    },
    onError: (error) => notifyError(error, 'Could not change the work type'),
  });

  if (workTypes.isPending) return <TableSkeleton columns={3} rows={5} />;
  if (workTypes.isError) return <Text c="red">{workTypes.error.message}</Text>;
  return (
    <NamedListEditor
      noun="work type"
      items={workTypes.data}
      canManage={props.canManage}
      emptyText="No work types yet — add the kinds of work your team logs time for."
      addPlaceholder="e.g. Onboarding"
      extraColumn={{
        header: (
          <Tooltip label="On-site work gets agreements' on-site minimum and trip charge" multiline w={220}>
            <span>On-site</span>
          </Tooltip>
        ),
        width: 90,
        cell: (type) => (
          <Switch
            size="xs"
            aria-label={`${type.name} is on-site work`}
            checked={
              onSite.isPending && onSite.variables?.id === type.id ? onSite.variables.isOnSite : type.isOnSite
            }
            disabled={!props.canManage}
            onChange={(event) => onSite.mutate({ id: type.id, isOnSite: event.currentTarget.checked })}
          />
        ),
      }}
      create={createWorkType}
      update={updateWorkType}
      onChanged={refresh}
    />
  );
}
