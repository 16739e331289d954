// Disk health from smartmontools: `smartctl --scan-open` lists devices, `smartctl -H -i -j` reads each one.
import type { Disk } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull, sortByKeys } from '../section.ts';
import { type SystemAccess, Unavailable } from '../system-access.ts';

export interface ScannedDevice {
  device: string;
  /** smartctl's -d type, e.g. "sat", "nvme", "megaraid,0". */
  type: string | null;
}

/** "/dev/sda -d sat # /dev/sda [SAT], ATA device"; lines starting with # are devices that could not be opened. */
export function parseScanOpen(output: string): ScannedDevice[] {
  const devices: ScannedDevice[] = [];
  for (const line of output.split('\n')) {
    const match = line.trim().match(/^(\/\S+)(?:\s+-d\s+(\S+))?/);
    if (match) devices.push({ device: match[1]!, type: match[2] ?? null });
  }
  return devices;
}

interface SmartctlJson {
  smartctl?: { exit_status?: number; messages?: { string?: string; severity?: string }[] };
  device?: { name?: string };
  model_name?: string;
  scsi_model_name?: string;
  serial_number?: string;
  smart_status?: { passed?: boolean };
}

/** smartctl's exit status: bit 1 = the device could not be opened, bit 3 = SMART says the disk is failing. */
const openFailed = 0b10;
const diskFailing = 0b1000;

/** One device's `smartctl -H -i -j` JSON. Only what does not drift goes in: no temperatures, no hours. */
export function parseSmartctl(device: ScannedDevice, json: string): Disk {
  const report = JSON.parse(json) as SmartctlJson;
  const exitStatus = report.smartctl?.exit_status ?? 0;
  const messages = (report.smartctl?.messages ?? []).map((message) => message.string ?? '').filter(Boolean);
  if (exitStatus & openFailed && messages.some((message) => /permission denied/i.test(message))) {
    throw new Unavailable('run as root to read SMART data (smartctl: permission denied)');
  }
  const passed = report.smart_status?.passed;
  const failing = passed === false || Boolean(exitStatus & diskFailing);
  return {
    device: clip(device.device, 200),
    model: clipOrNull(report.model_name ?? report.scsi_model_name, 200),
    serial: clipOrNull(report.serial_number, 200),
    health: failing ? 'failing' : passed === true ? 'ok' : 'unknown',
    detail: clipOrNull(
      passed === undefined
        ? (messages[0] ?? 'SMART status not reported')
        : `SMART overall-health: ${failing ? 'FAILED' : 'PASSED'}`,
      500,
    ),
  };
}

export async function collectLinuxDisks(system: SystemAccess): Promise<Disk[]> {
  const scan = await system.run('smartctl', ['--scan-open'], { timeoutMs: 20_000 });
  const devices = parseScanOpen(scan.stdout);
  const disks = await Promise.all(
    devices.map(async (device) => {
      const typeArgs = device.type ? ['-d', device.type] : [];
      const result = await system.run('smartctl', ['-H', '-i', '-j', ...typeArgs, device.device], {
        timeoutMs: 20_000,
      });
      return parseSmartctl(device, result.stdout);
    }),
  );
  // A controller can show one disk under two names (megaraid): one entry per device name.
  return sortByKeys(new Map(disks.map((disk) => [disk.device, disk])).values(), (disk) => disk.device);
}
