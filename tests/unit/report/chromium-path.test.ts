import { describe, expect, it } from 'vitest';
import { REPORT_CHROMIUM_PATHS, reportChromiumPath } from '../../../src/main/report/pdf';

describe('the Chromium that prints reports', () => {
  const only = (...paths: string[]) => (path: string) => paths.includes(path);

  it('is CHROMIUM_PATH when it is set, whatever is installed', () => {
    expect(reportChromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only(...REPORT_CHROMIUM_PATHS))).toBe('/opt/chrome/chrome');
  });

  it('is the headless shell when it is installed, else Chromium', () => {
    expect(reportChromiumPath({}, only('/usr/bin/chromium-headless-shell', '/usr/bin/chromium'))).toBe('/usr/bin/chromium-headless-shell');
    expect(reportChromiumPath({}, only('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
  });

  it("is Chromium's usual path when neither is installed, so the launch error names it", () => {
    expect(reportChromiumPath({ CHROMIUM_PATH: '' }, only())).toBe('/usr/bin/chromium');
  });
});
