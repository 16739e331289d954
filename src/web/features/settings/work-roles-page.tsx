// Settings → Billing → Work roles: the labour roles agreements can price on their own (technician,
// engineer, project manager), with how many people hold each.
import { Box, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import {
  createWorkRole,
  updateWorkRole,
  type WorkRole,
  workRoleAssignmentsQuery,
  workRoleKeys,
  workRolesQuery,
} from '../agreements/agreements-api.ts';
import { useCan } from '../auth/session.ts';
import { NamedListEditor } from './named-list-editor.tsx';

export function WorkRolesPage() {
  const can = useCan();
  const queryClient = useQueryClient();
  const roles = useQuery(workRolesQuery);
  const assignments = useQuery(workRoleAssignmentsQuery);
  const peopleWith = (role: WorkRole) =>
    [...(assignments.data?.values() ?? [])].filter((workRoleId) => workRoleId === role.id).length;

  return (
    <>
      <PageHeader
        title="Work roles"
        description={
          <>
            The roles your staff log time as. An agreement can bill each role at its own rate or exclude it.
            Give people their role on the{' '}
            <AnchorLink to="/settings/users" size="sm">
              Users
            </AnchorLink>{' '}
            page.
          </>
        }
      />
      {roles.isPending ? (
        <TableSkeleton columns={3} rows={4} />
      ) : roles.isError ? (
        <Text c="red">{roles.error.message}</Text>
      ) : (
        <Box maw={720}>
          <NamedListEditor
            noun="work role"
            items={roles.data}
            canManage={can('billing.manage')}
            emptyText="No work roles yet — add the roles your agreements price differently, such as Engineer."
            addPlaceholder="e.g. Senior engineer"
            extraColumn={{
              header: 'People',
              width: 90,
              align: 'right',
              cell: (role) => (
                <Text size="sm" className="tabular" c="dimmed">
                  {assignments.isSuccess ? peopleWith(role) : '—'}
                </Text>
              ),
            }}
            create={createWorkRole}
            update={updateWorkRole}
            onChanged={() => queryClient.invalidateQueries({ queryKey: workRoleKeys.all })}
          />
        </Box>
      )}
    </>
  );
}
