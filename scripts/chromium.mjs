// The headless Debian Chromium the scripts drive (screenshots, the docs test): one set of flags, and `extra` for what
// one caller needs beyond them. The browser suite (web-test-runner.config.mjs) and the bench launch their own.
import puppeteer from 'puppeteer-core';

export const launchChromium = (extra = []) =>
  puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      ...extra,
    ],
  });
