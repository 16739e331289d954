// The agreements module's public face: agreements, their recurring lines, work roles.
export {
  type AgreementLineRow,
  type AgreementRow,
  clientAgreementRequires,
  clientHasAgreements,
  defaultAgreementFor,
  findAgreementsByIds,
  findCatalogItems,
  findClientAgreement,
  findMemberWorkRole,
  listWorkRoleNames,
  seedWorkRoles,
} from './agreements.repository.ts';
export { createAgreementRoutes } from './agreements.routes.ts';
export { type AgreementService, createAgreementService, dayOf } from './agreements.service.ts';
export { createWorkRoleService, type WorkRoleService } from './work-roles.service.ts';
