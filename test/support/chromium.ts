import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's chromium (`.ci/run` installs it); puppeteer-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Where browser tests leave their screenshots for a person to look at: test-output/<suite>/. */
export async function outputDir(suite: string): Promise<string> {
  const dir = join(fileURLToPath(new URL('../..', import.meta.url)), 'test-output', suite);
  await mkdir(dir, { recursive: true });
  return dir;
}
