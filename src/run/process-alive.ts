import { hostname } from 'node:os';

/**
 * Whether the process that wrote a lock still exists. A process on another host cannot be checked
 * from here, so it is assumed alive; EPERM means it exists but belongs to another user.
 */
export function isProcessAlive(host: string, pid: number): boolean {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
