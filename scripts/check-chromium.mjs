// Fails early, with instructions, when no Chromium is installed for the browser tests.
import { existsSync } from 'node:fs';

const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `No Chromium found at ${path}.\n` +
      'The tests run in a real headless Chromium. On Debian/Ubuntu install it with:\n' +
      '  sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or point CHROME_PATH at an existing Chromium or Chrome binary.',
  );
  process.exit(1);
}
