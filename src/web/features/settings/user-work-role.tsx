// The work role a staff member logs time as, on the Users page: a picker for who may manage users, the
// role's name for everyone else. Their new time entries carry it, so agreements can price it.
import { Box, Select, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import {
  assignWorkRole,
  workRoleAssignmentsQuery,
  workRoleKeys,
  workRolesQuery,
} from '../agreements/agreements-api.ts';
import type { User } from './settings-api.ts';

/** Loads roles and assignments once for the whole table; rows read from it. */
export function useWorkRoles(enabled: boolean) {
  const roles = useQuery({ ...workRolesQuery, enabled });
  const assignments = useQuery({ ...workRoleAssignmentsQuery, enabled });
  const roleOf = (user: User): string | null => assignments.data?.get(user.id) ?? null;
  const nameOf = (id: string | null) => roles.data?.find((role) => role.id === id)?.name ?? null;
  return { roles: roles.data ?? [], roleOf, nameOf, isLoaded: roles.isSuccess && assignments.isSuccess };
}

export function UserWorkRole(props: {
  user: User;
  canManage: boolean;
  workRoles: ReturnType<typeof useWorkRoles>;
}) {
  const { user, workRoles } = props;
  const queryClient = useQueryClient();
  const assign = useMutation({
    mutationFn: (workRoleId: string | null) => assignWorkRole(user.id, workRoleId),
    onSuccess: async (_, workRoleId) => {
      await queryClient.invalidateQueries({ queryKey: workRoleKeys.assignments });
      notifySuccess(
        workRoleId
          ? `${user.name} now logs time as ${workRoles.nameOf(workRoleId)}`
          : `${user.name} has no work role`,
      );
    },
    onError: (error) => notifyError(error, 'Could not change the work role'),
  });
  const current = assign.isPending ? (assign.variables ?? null) : workRoles.roleOf(user);

  if (!props.canManage) {
    const name = workRoles.nameOf(current);
    return (
      <Text size="xs" c="dimmed">
        {name ?? 'No work role'}
      </Text>
    );
  }
  // Archived roles are not given anew, but someone who has one keeps seeing it.
  const options = workRoles.roles
    .filter((role) => !role.archived || role.id === current)
    .map((role) => ({ value: role.id, label: role.archived ? `${role.name} (archived)` : role.name }));
  return (
    // React events bubble out of the dropdown's portal to the table row, which would open the user form.
    <Box onClick={(event) => event.stopPropagation()}>
      <Select
        size="xs"
        aria-label={`Work role of ${user.name}`}
        placeholder="No work role"
        clearable
        disabled={!workRoles.isLoaded}
        data={options}
        value={current}
        onChange={(workRoleId) => assign.mutate(workRoleId)}
        w={152}
      />
    </Box>
  );
}
