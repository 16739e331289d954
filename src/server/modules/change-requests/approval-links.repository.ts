// The one-time links a client decides a vendor's change request through.
import { oneTimeLinks } from '../../db/one-time-links.ts';
import { changeApprovalLinks } from './change-requests.table.ts';

export const approvalLinks = oneTimeLinks(changeApprovalLinks);
