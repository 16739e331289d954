// The kinds of things an MSP looks after at a client, and how much each matters to the client's business.
export const assetTypes = [
  'server',
  'workstation',
  'laptop',
  'network',
  'printer',
  'phone',
  'other',
] as const;
export type AssetType = (typeof assetTypes)[number];
export const assetTypeLabels: Record<AssetType, string> = {
  server: 'Server',
  workstation: 'Workstation',
  laptop: 'Laptop',
  network: 'Network device',
  printer: 'Printer',
  phone: 'Phone',
  other: 'Other',
};

export const assetCriticalities = ['low', 'normal', 'high', 'critical'] as const;
export type AssetCriticality = (typeof assetCriticalities)[number];
export const assetCriticalityLabels: Record<AssetCriticality, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  critical: 'Critical',
};
