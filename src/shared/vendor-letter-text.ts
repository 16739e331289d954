// The wording staff start from when they write a Letter of Agency or a vendor notice. Plain strings and no
// PDF code, so the web app can pre-fill its forms from the same text the server falls back to.

/**
 * What a Letter of Agency lets the MSP do, in the client's voice (the client signs it): deal with the
 * vendor's support, receive the account's information, and route every vendor change through the MSP's
 * change windows. Paragraphs are separated by blank lines.
 */
export function defaultLoaScope(mspName: string, vendorName: string, product: string): string {
  return [
    `${mspName} may contact ${vendorName} for us about ${product}: open, follow up and close support ` +
      'requests, and discuss them with your staff as we would.',
    `${vendorName} may give ${mspName} the information about our account, licences and systems that it ` +
      'would give us.',
    `Please arrange every change to our systems with ${mspName} first, including updates, upgrades, ` +
      `configuration changes and remote sessions. ${mspName} schedules changes through its change ` +
      'process, and they are to be made only inside a change window it has approved. For urgent work, ' +
      `${mspName} can approve a window at short notice.`,
    `This letter does not allow ${mspName} to buy, renew or cancel ${vendorName} products or services ` +
      'in our name; we do that ourselves or confirm it to you in writing.',
  ].join('\n\n');
}

export interface VendorNoticeFacts {
  mspName: string;
  clientName: string;
  vendorName: string;
  /** Vendor incidents the notice relies on. */
  incidentCount: number;
  /** Clean-up time logged on those incidents, in minutes. */
  minutes: number;
}

/**
 * The body of a vendor notice: what the records show (changes outside an approved window through the
 * vendor's accounts or sessions, and the time spent on them), and that such clean-up is billable from
 * the notice's date. It claims no more than the incidents record, and names no motive.
 */
export function defaultVendorNoticeText(facts: VendorNoticeFacts): string {
  const { mspName, clientName, vendorName, incidentCount, minutes } = facts;
  const incidents =
    incidentCount === 1
      ? 'one occasion on which'
      : incidentCount > 1
        ? `${incidentCount} occasions on which`
        : 'occasions on which';
  const time =
    minutes > 0
      ? ` Checking and putting right those changes took our team ${durationText(minutes)} in total.`
      : '';
  return [
    `Dear ${clientName},`,
    'We look after your systems under our agreement with you. We plan changes to them through our ' +
      'change process and make them inside a change window that has been approved, so that nothing ' +
      'changes without warning and everything can be put back if needed.',
    `Our records show ${incidents} changes were made to your systems outside an approved window, ` +
      `through ${vendorName}'s accounts or during ${vendorName}'s remote sessions.${time} ` +
      'The records are listed under Evidence at the end of this letter.',
    `From the date of this notice, time we spend cleaning up after changes made through ${vendorName} ` +
      'outside an approved window is billable under our agreement. Work that ' +
      `${vendorName} arranges with us inside an approved window is not affected.`,
    `To avoid these charges, please ask ${vendorName} to arrange changes with us in advance; we will ` +
      'gladly agree a window with them.',
    'If you have any questions about this notice or the records behind it, please contact us.',
    `Yours sincerely,\n${mspName}`,
  ].join('\n\n');
}

/** "2 h 30 min", "45 min", "3 h". */
export function durationText(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
