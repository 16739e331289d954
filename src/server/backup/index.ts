// Backup and restore: one logical, engine-neutral file format (docs/operations.md "Backup and restore").
export { type BackupSummary, writeBackup } from './backup.ts';
export { runBackupCommand, runRestoreCommand } from './backup-command.ts';
export { BackupError, readBackupFile } from './backup-file.ts';
export { type RestoreSummary, restoreBackup } from './restore.ts';
